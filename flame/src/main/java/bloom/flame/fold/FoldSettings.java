package bloom.flame.fold;

/**
 * How optimizer steps move a genome.
 *
 * @param gain        coefficient change of a typical step
 * @param contrast    how strongly neighbouring step sizes are told apart (see {@link StepScale}):
 *                    0 scales each step by the run's first steps only; c &gt; 0 spreads one robust
 *                    standard deviation of log step size among the steps around it over a factor
 *                    e^c, whatever the optimizer
 * @param memory      fraction of the accumulated offset kept from one step to the next (1 = the
 *                    steps simply add up, as in the original; below 1 the genome drifts back to
 *                    its base once training calms down)
 * @param linearBound largest offset of the linear coefficients (a, b, d, e); an offset reflects at
 *                    it, so no step can fold the genome into a point or blow it up
 * @param shiftBound  largest offset of the translation coefficients (c, f)
 * @param colour      also move each xform's colour coordinate
 * @param opacity     also move each xform's opacity
 * @param seed        seeds the fixed mapping from sketch dimensions to coefficients
 */
public record FoldSettings(double gain, double contrast, double memory, double linearBound, double shiftBound, boolean colour,
                           boolean opacity, long seed) implements java.io.Serializable {

    public static final double DEFAULT_GAIN = 0.05;
    public static final double DEFAULT_CONTRAST = 1.5;
    public static final double DEFAULT_MEMORY = 0.98;

    public FoldSettings {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("Invalid fold gain: " + gain);
        }
        if (!(contrast >= 0) || Double.isInfinite(contrast)) {
            throw new IllegalArgumentException("Invalid fold contrast: " + contrast + " (expected 0 or more)");
        }
        if (!(memory >= 0 && memory <= 1)) {
            throw new IllegalArgumentException("Invalid fold memory: " + memory + " (expected 0 to 1)");
        }
        if (!(linearBound > 0) || !(shiftBound > 0)) {
            throw new IllegalArgumentException("Invalid fold bounds: " + linearBound + ", " + shiftBound);
        }
    }

    public static FoldSettings defaults(long seed) {
        return new FoldSettings(DEFAULT_GAIN, DEFAULT_CONTRAST, DEFAULT_MEMORY, 0.35, 0.5, false, false, seed);
    }
}

package bloom.flame.genome;

/**
 * How densely the flame is sampled and how the histogram is filtered.
 *
 * @param quality           samples per output pixel (flam3 {@code quality})
 * @param oversample        histogram cells per pixel along each axis (flam3 {@code supersample})
 * @param filterRadius      spatial filter radius in output pixels (flam3 {@code filter})
 * @param filterShape       spatial filter kernel name (flam3 {@code filter_shape})
 * @param estimatorRadius   largest density-estimation kernel radius in histogram cells; 0 turns it off
 * @param estimatorMinimum  smallest density-estimation kernel radius
 * @param estimatorCurve    how fast the kernel narrows as density grows
 * @param fuse              iterations discarded from each new trajectory before plotting
 */
public record Sampling(double quality, int oversample, double filterRadius, String filterShape,
                       double estimatorRadius, double estimatorMinimum, double estimatorCurve, int fuse) {

    public static final Sampling DEFAULT = new Sampling(50, 1, 0.5, "gaussian", 9, 0, 0.4, 15);
    /** Largest spatial filter radius, in output pixels (flam3's genomes use 0.2 to 3). */
    public static final double MAX_FILTER_RADIUS = 50;
    /** Largest density-estimation radius, in histogram cells (flam3's default is 9). */
    public static final double MAX_ESTIMATOR_RADIUS = 50;
    /** Most samples per pixel (a gallery film uses up to a few thousand). */
    public static final double MAX_QUALITY = 1e6;
    /** Most iterations discarded per trajectory. */
    public static final int MAX_FUSE = 100_000;

    public Sampling {
        if (!(quality > 0 && quality <= MAX_QUALITY)) {
            throw new IllegalArgumentException("Invalid quality: " + quality + " (expected more than 0, at most " + (long) MAX_QUALITY + ")");
        }
        if (oversample < 1 || oversample > 8) {
            throw new IllegalArgumentException("Invalid oversample: " + oversample + " (expected 1 to 8)");
        }
        if (!(filterRadius >= 0 && filterRadius <= MAX_FILTER_RADIUS)) {
            throw new IllegalArgumentException("Invalid filter radius: " + filterRadius + " (expected 0 to " + (int) MAX_FILTER_RADIUS + ")");
        }
        if (!(estimatorRadius >= 0 && estimatorRadius <= MAX_ESTIMATOR_RADIUS)
                || !(estimatorMinimum >= 0 && estimatorMinimum <= MAX_ESTIMATOR_RADIUS) || !(estimatorCurve > 0 && estimatorCurve < 100)) {
            throw new IllegalArgumentException("Invalid density estimation: radius " + estimatorRadius
                    + ", minimum " + estimatorMinimum + ", curve " + estimatorCurve + " (expected radius and minimum 0 to "
                    + (int) MAX_ESTIMATOR_RADIUS + ", curve above 0 and below 100)");
        }
        if (fuse < 0 || fuse > MAX_FUSE) {
            throw new IllegalArgumentException("Invalid fuse: " + fuse + " (expected 0 to " + MAX_FUSE + ")");
        }
    }

    public Sampling withQuality(double q) {
        return new Sampling(q, oversample, filterRadius, filterShape, estimatorRadius, estimatorMinimum, estimatorCurve, fuse);
    }

    public Sampling withOversample(int o) {
        return new Sampling(quality, o, filterRadius, filterShape, estimatorRadius, estimatorMinimum, estimatorCurve, fuse);
    }
}

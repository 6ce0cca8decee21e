package bloom.flame.genome;

/**
 * Log-density tone mapping (the paper's section 4 and flam3's defaults).
 *
 * @param brightness     multiplies the log density
 * @param contrast       flam3 {@code contrast}
 * @param gamma          display gamma applied to the density
 * @param gammaThreshold density below which gamma is replaced by a linear ramp (avoids noise
 *                       amplification in sparse areas)
 * @param vibrancy       0 applies gamma per channel, 1 to the density alone (saturated colours)
 * @param highlightPower how over-exposed colours move towards white; negative clips
 * @param background     RGB in [0, 1]
 * @param curves         Ember's colour curves applied last
 */
public record Tone(double brightness, double contrast, double gamma, double gammaThreshold,
                   double vibrancy, double highlightPower, double[] background, Curves curves) {

    public static final Tone DEFAULT = new Tone(4, 1, 4, 0.01, 1, -1, new double[] {0, 0, 0});

    public Tone(double brightness, double contrast, double gamma, double gammaThreshold, double vibrancy,
                double highlightPower, double[] background) {
        this(brightness, contrast, gamma, gammaThreshold, vibrancy, highlightPower, background, Curves.IDENTITY);
    }

    public Tone {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("Invalid gamma: " + gamma);
        }
        if (!(brightness >= 0) || Double.isInfinite(brightness)) {
            throw new IllegalArgumentException("Invalid brightness: " + brightness);
        }
        if (background.length != 3) {
            throw new IllegalArgumentException("Background needs 3 components, got " + background.length);
        }
        background = background.clone();
        if (curves == null) {
            curves = Curves.IDENTITY;
        }
    }

    @Override
    public double[] background() {
        return background.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tone t && Double.compare(t.brightness, brightness) == 0 && Double.compare(t.contrast, contrast) == 0
                && Double.compare(t.gamma, gamma) == 0 && Double.compare(t.gammaThreshold, gammaThreshold) == 0
                && Double.compare(t.vibrancy, vibrancy) == 0 && Double.compare(t.highlightPower, highlightPower) == 0
                && java.util.Arrays.equals(t.background, background) && t.curves.equals(curves);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(brightness, gamma, vibrancy);
    }
}

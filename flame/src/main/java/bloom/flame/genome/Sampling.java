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

    public Sampling {
        if (!(quality > 0) || Double.isInfinite(quality)) {
            throw new IllegalArgumentException("Invalid quality: " + quality);
        }
        if (oversample < 1 || oversample > 8) {
            throw new IllegalArgumentException("Invalid oversample: " + oversample + " (expected 1 to 8)");
        }
        if (!(filterRadius >= 0)) {
            throw new IllegalArgumentException("Invalid filter radius: " + filterRadius);
        }
        if (!(estimatorRadius >= 0) || !(estimatorMinimum >= 0) || !(estimatorCurve > 0)) {
            throw new IllegalArgumentException("Invalid density estimation: radius " + estimatorRadius
                    + ", minimum " + estimatorMinimum + ", curve " + estimatorCurve);
        }
        if (fuse < 0) {
            throw new IllegalArgumentException("Invalid fuse: " + fuse);
        }
    }

    public Sampling withQuality(double q) {
        return new Sampling(q, oversample, filterRadius, filterShape, estimatorRadius, estimatorMinimum, estimatorCurve, fuse);
    }

    public Sampling withOversample(int o) {
        return new Sampling(quality, o, filterRadius, filterShape, estimatorRadius, estimatorMinimum, estimatorCurve, fuse);
    }
}

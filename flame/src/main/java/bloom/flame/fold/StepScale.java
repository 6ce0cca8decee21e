package bloom.flame.fold;

/**
 * How large each optimizer step is next to the steps before it: the ratio {@link StepFolder#fold}
 * takes. Causal, so frames planned while training runs equal frames planned afterwards: the
 * ratio of step t depends only on the update norms of steps 1..t.
 *
 * <p>With {@code contrast} 0 the ratio is the plain one, {@code u / exp(mean ln u)} (the
 * geometric mean of the norms so far). With contrast c &gt; 0 the log norm is standardised,
 * {@code r = exp(c (ln u - mean) / sd)}: a run whose step sizes vary by 10% (Adam, whose
 * updates are normalised) and one whose steps vary tenfold (plain SGD) both get ratios
 * spread over about e^(-c)..e^c, so the frame-to-frame change follows the step size at the
 * same contrast whatever the optimizer. The statistics are robust to a few wild steps: once
 * ten steps are known, a step's log norm counts at most four standard deviations from the
 * mean, so one exploding gradient is drawn as the outlier it is without flattening every
 * later step. A step whose norm is not finite, or not positive, gets ratio NaN (it moves
 * nothing) and leaves the statistics alone.
 */
public final class StepScale {

    /** Largest exponent of a ratio, so an exploding step's ratio stays finite. */
    private static final double MAX_LOG_RATIO = 50;
    private static final double CLAMP_SDS = 4;
    private static final int ROBUST_AFTER = 10;

    private final double contrast;
    private long n;
    private double mean;
    private double m2;

    public StepScale(double contrast) {
        if (!(contrast >= 0) || Double.isInfinite(contrast)) {
            throw new IllegalArgumentException("Invalid fold contrast: " + contrast + " (expected 0 or more)");
        }
        this.contrast = contrast;
    }

    /** A copy in the same state: this one can go on while the copy keeps the statistics of now. */
    public StepScale copy() {
        StepScale c = new StepScale(contrast);
        c.n = n;
        c.mean = mean;
        c.m2 = m2;
        return c;
    }

    /** Takes in the next step's update norm and returns its ratio. */
    public double next(double updateNorm) {
        if (!(updateNorm > 0) || Double.isInfinite(updateNorm)) {
            return Double.NaN;
        }
        double x = Math.log(updateNorm);
        double counted = x;
        if (n >= ROBUST_AFTER) {
            double limit = CLAMP_SDS * sd();
            counted = Math.max(mean - limit, Math.min(mean + limit, x));
        }
        n++;
        double d = counted - mean;
        mean += d / n;
        m2 += d * (counted - mean);
        double logRatio;
        if (contrast == 0) {
            logRatio = x - mean;
        } else {
            double sd = sd();
            logRatio = sd > 1e-12 ? contrast * (x - mean) / sd : 0;
        }
        return Math.exp(Math.min(MAX_LOG_RATIO, Math.max(-MAX_LOG_RATIO, logRatio)));
    }

    /** The typical update norm so far: the exponential of the mean log norm (NaN before any step). */
    public double typical() {
        return n == 0 ? Double.NaN : Math.exp(mean);
    }

    private double sd() {
        return n < 2 ? 0 : Math.sqrt(m2 / n);
    }
}

package bloom.flame.fold;

import java.util.Arrays;

/**
 * How large each optimizer step is, as the ratio {@link StepFolder#fold} takes: 1 for a step the
 * size of the run's first steps. With {@code x} the log of a step's update norm,
 * <pre>
 *   ln r_t = TREND * (x_t - x_0)  +  contrast * clip((x_t - m_t) / s_t, -CLIP, CLIP)
 * </pre>
 * where {@code x_0} is the mean log norm of the run's first {@value #START} steps, and {@code m_t}
 * and {@code s_t} are the median and the robust standard deviation (1.4826 median absolute
 * deviation) of the log norms in the window of {@value #WINDOW} steps either side of t.
 *
 * <p>The first term carries the run's course: steps that shrink as the network converges move
 * the flame less and less. Its slope is {@value #TREND} because the image does not change in
 * proportion to how far the flame moves: a fractal has detail at every scale, and the mean pixel
 * change of a frame grows only as about the 0.4th to 0.5th power of the coefficients' change
 * (measured on Bloom's flames from a twentieth to twice a typical step). Moving the flame by the
 * square of the step's size makes the image change about in proportion to it.
 *
 * <p>The second term tells neighbouring steps apart, whatever the optimizer: a run whose steps
 * vary by 3% (Adam) and one whose steps vary tenfold (plain SGD) both get a local spread of about
 * e^(-contrast)..e^contrast. It is centred on the steps around t, before and after it, so that a
 * run's fast early decay is not drawn as a string of steps smaller than the ones before them; a
 * single exploding step is at most {@value #CLIP} deviations above its window here (the first
 * term still draws it as large as it is) and barely moves the window's median and deviation.
 *
 * <p>Hence the ratio of step t depends on the steps up to t + {@value #WINDOW}: a frame can be
 * planned once that many later steps are known, or the run has ended. A step whose norm is not
 * finite, or not positive, gets ratio NaN (it moves nothing) and is left out of every statistic.
 */
public final class StepScale {

    /** Steps either side of a step that its local statistics cover. */
    public static final int WINDOW = 50;
    /** Steps whose mean log norm is the reference step size. */
    public static final int START = 10;
    /** Slope of the log ratio in the log norm along the run. */
    public static final double TREND = 2;
    /** Largest local deviation, in robust standard deviations. */
    public static final double CLIP = 2;
    /** Largest exponent of a ratio, so an exploding step's ratio stays finite. */
    private static final double MAX_LOG_RATIO = 50;

    private final double contrast;
    private double[] logs = new double[64];
    private int n;
    private int finiteSeen;
    private double startSum;

    public StepScale(double contrast) {
        if (!(contrast >= 0) || Double.isInfinite(contrast)) {
            throw new IllegalArgumentException("Invalid fold contrast: " + contrast + " (expected 0 or more)");
        }
        this.contrast = contrast;
    }

    /** Takes in the next step's update norm. */
    public void add(double updateNorm) {
        if (n == logs.length) {
            logs = Arrays.copyOf(logs, 2 * n);
        }
        double x = updateNorm > 0 && !Double.isInfinite(updateNorm) ? Math.log(updateNorm) : Double.NaN;
        logs[n++] = x;
        if (!Double.isNaN(x) && finiteSeen < START) {
            finiteSeen++;
            startSum += x;
        }
    }

    /** Steps taken in so far. */
    public int size() {
        return n;
    }

    /**
     * Whether step t's ratio is final: the {@value #WINDOW} steps after it are known (before
     * that, only the end of the run makes it final).
     */
    public boolean settled(int t) {
        return t + WINDOW < n;
    }

    /** The ratio of step {@code t} from the steps taken in so far (NaN for a step that moved nothing). */
    public double ratio(int t) {
        if (t < 0 || t >= n) {
            throw new IndexOutOfBoundsException("Step " + t + " of " + n);
        }
        double x = logs[t];
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double logRatio = TREND * (x - startSum / finiteSeen);
        if (contrast > 0) {
            double[] w = new double[2 * WINDOW + 1];
            int k = 0;
            for (int i = Math.max(0, t - WINDOW); i <= Math.min(n - 1, t + WINDOW); i++) {
                if (!Double.isNaN(logs[i])) {
                    w[k++] = logs[i];
                }
            }
            double median = median(w, k);
            for (int i = 0; i < k; i++) {
                w[i] = Math.abs(w[i] - median);
            }
            double sd = 1.4826 * median(w, k);
            if (sd > 1e-12) {
                logRatio += contrast * Math.max(-CLIP, Math.min(CLIP, (x - median) / sd));
            }
        }
        return Math.exp(Math.max(-MAX_LOG_RATIO, Math.min(MAX_LOG_RATIO, logRatio)));
    }

    /** The reference step size: the geometric mean of the first {@value #START} norms (NaN before any). */
    public double typical() {
        return finiteSeen == 0 ? Double.NaN : Math.exp(startSum / finiteSeen);
    }

    private static double median(double[] v, int k) {
        Arrays.sort(v, 0, k);
        return k % 2 == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
    }
}

package bloom.flame.variation;

/**
 * A run of points that go through the same xform together, one array per coordinate, so that
 * a variation can be applied to all of them in one loop (and, see {@link BatchFormula}, a
 * vector of them at a time). {@code tx, ty, tz} hold the points after the pre-affine map and
 * {@code px, py, pz} the sums of the weighted variation outputs, as in {@link IterationState}.
 * The arrays have room for {@link #PADDING} points past {@link #count}: a batch formula may
 * compute whole vectors there; what it writes past {@code count} is ignored.
 */
public final class Lanes {

    /** Points a vector loop may run past {@link #count}: the widest vector the CPU may have. */
    public static final int PADDING = 16;

    public final double[] tx, ty, tz, px, py, pz;
    /** Direct colours set by variations, as {@link IterationState#dc}: negative where none did. */
    public final double[] dc;
    /** Scratch arrays for random numbers, filled by {@link #random01(double[])}. */
    public final double[] rand0, rand1, rand2, rand3, rand4;
    /** The thread's random stream and the xform's pre-affine coefficients, for formulas that read them. */
    public final IterationState state;
    /** Points in the run. */
    public int count;

    public Lanes(int capacity, IterationState state) {
        int n = capacity + PADDING;
        tx = new double[n];
        ty = new double[n];
        tz = new double[n];
        px = new double[n];
        py = new double[n];
        pz = new double[n];
        dc = new double[n];
        rand0 = new double[n];
        rand1 = new double[n];
        rand2 = new double[n];
        rand3 = new double[n];
        rand4 = new double[n];
        this.state = state;
    }

    /**
     * Begins a run of {@code count} points whose {@code tx, ty, tz} are filled in: zeroes the sums
     * and the padding past the run, so a vector loop reads finite numbers there.
     */
    public void start(int count) {
        this.count = count;
        int end = count + PADDING;
        java.util.Arrays.fill(tx, count, end, 0);
        java.util.Arrays.fill(ty, count, end, 0);
        java.util.Arrays.fill(tz, count, end, 0);
        java.util.Arrays.fill(px, 0, end, 0);
        java.util.Arrays.fill(py, 0, end, 0);
        java.util.Arrays.fill(pz, 0, end, 0);
        java.util.Arrays.fill(dc, 0, end, -1);
    }

    /** {@link #count} rounded up to a multiple of {@code lanes} (a power of two up to {@link #PADDING}). */
    public int padded(int lanes) {
        return (count + lanes - 1) & -lanes;
    }

    /** Fills {@code into[0 .. count + PADDING)} with uniform numbers in [0, 1) from the thread's stream. */
    public double[] random01(double[] into) {
        IterationState s = state;
        for (int i = 0, n = count + PADDING; i < n; i++) {
            into[i] = s.random01();
        }
        return into;
    }
}

package bloom.flame.variation;

/**
 * A run of points that go through the same xform together, one array per coordinate, so that
 * a variation can be applied to all of them in one loop (and, see {@link BatchFormula}, a
 * vector of them at a time). {@code tx, ty, tz} hold the points after the pre-affine map and
 * {@code px, py, pz} the sums of the weighted variation outputs, as in {@link IterationState}.
 * The run is the slots {@code from .. from + count - 1}; a renderer lays the runs of several
 * xforms side by side in the same arrays, each starting at a multiple of {@link #PADDING} slots
 * after the one before, so a batch formula may compute whole vectors up to {@link #end}; what it
 * writes past {@code from + count} is ignored and never reaches the next run.
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
    /** The run's first slot. */
    public int from;
    /** Points in the run. */
    public int count;
    /** The crackle cell tables of this thread, one per crackle of the genome (usually one). */
    private CrackleCells[] crackles = new CrackleCells[0];

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
     * Begins a run of {@code count} points from slot 0 whose {@code tx, ty, tz} are filled in:
     * zeroes the sums and the padding past the run, so a vector loop reads finite numbers there.
     */
    public void start(int count) {
        clearSums(count + PADDING);
        region(0, count);
    }

    /** Zeroes the sums and marks no direct colour in slots {@code 0 .. extent - 1}, for the runs to come. */
    public void clearSums(int extent) {
        clearSums(extent, true);
    }

    /**
     * Zeroes the sums in slots {@code 0 .. extent - 1}, and marks no direct colour there if
     * {@code directColour} (no need where no formula of the runs can set one).
     */
    public void clearSums(int extent, boolean directColour) {
        java.util.Arrays.fill(px, 0, extent, 0);
        java.util.Arrays.fill(py, 0, extent, 0);
        java.util.Arrays.fill(pz, 0, extent, 0);
        if (directColour) {
            java.util.Arrays.fill(dc, 0, extent, -1);
        }
    }

    /**
     * Begins the run of {@code count} points at slot {@code from} (a multiple of {@link #PADDING})
     * whose {@code tx, ty, tz} are filled in and whose sums are clear: zeroes the points in the
     * padding past the run, up to the next multiple of {@link #PADDING}, so a vector loop reads
     * finite numbers there.
     */
    public void region(int from, int count) {
        this.from = from;
        this.count = count;
        int to = from + count, end = from + ((count + PADDING - 1) & -PADDING);
        for (int i = to; i < end; i++) {
            tx[i] = 0;
            ty[i] = 0;
            tz[i] = 0;
        }
    }

    /** {@link #count} rounded up to a multiple of {@code lanes} (a power of two up to {@link #PADDING}). */
    public int padded(int lanes) {
        return (count + lanes - 1) & -lanes;
    }

    /** The slot after the run's last whole vector of {@code lanes}: {@code from + padded(lanes)}. */
    public int end(int lanes) {
        return from + padded(lanes);
    }

    /** This thread's table of crackle cell centres for half-size s, distortion d and noise slice z. */
    CrackleCells crackleCells(double s, double d, double z) {
        for (CrackleCells c : crackles) {
            if (c.holds(s, d, z)) {
                return c;
            }
        }
        CrackleCells c = new CrackleCells(s, d, z);
        if (crackles.length < 8) {
            crackles = java.util.Arrays.copyOf(crackles, crackles.length + 1);
        }
        crackles[crackles.length - 1] = c; // past eight crackles, the last table changes hands
        return c;
    }

    /** Fills {@code into[from .. end(PADDING))} with uniform numbers in [0, 1) from the thread's stream. */
    public double[] random01(double[] into) {
        IterationState s = state;
        for (int i = from, n = end(PADDING); i < n; i++) {
            into[i] = s.random01();
        }
        return into;
    }
}

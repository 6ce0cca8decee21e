package bloom.flame.variation;

/**
 * The cell centres one rendering thread has computed for one crackle (half-size, distortion,
 * noise slice). A centre costs two noise values of eight hashed gradients each, a cosine and a
 * sine per gradient, and a crackle point looks at 18 centres: about 8 microseconds a point,
 * though the centres depend only on the cell. The table keeps each cell's centre, indexed by
 * its (i, j) modulo 64: a crackle's blur reaches about 23 cells either side of the origin at
 * its usual cell size 0.1, so its cells do not collide. Each centre is the number
 * {@link Voronoi#centre} computes, so the crackle is unchanged. Not thread-safe: one per thread.
 */
final class CrackleCells {

    private static final int BITS = 6, SIDE = 1 << BITS, MASK = SIDE - 1;
    private final double s, distort, z;
    private final long[] key = new long[SIDE * SIDE];
    private final double[] xy = new double[2 * SIDE * SIDE];
    private final double[] near = new double[18];

    CrackleCells(double s, double distort, double z) {
        this.s = s;
        this.distort = distort;
        this.z = z;
        java.util.Arrays.fill(key, Long.MIN_VALUE); // no cell (i, j) of ints packs to it
    }

    boolean holds(double s, double distort, double z) {
        return Double.compare(this.s, s) == 0 && Double.compare(this.distort, distort) == 0 && Double.compare(this.z, z) == 0;
    }

    /** {@link Voronoi#crackle} of u with this table's cell size, distortion and slice. */
    double[] crackle(double ux, double uy, double power, double scale) {
        int ci = (int) Math.floor(ux / s), cj = (int) Math.floor(uy / s);
        neighbourhood(ci, cj);
        int best = Voronoi.nearest(ux, uy, near);
        neighbourhood(ci + best / 3 - 1, cj + best % 3 - 1);
        return Voronoi.pull(ux, uy, near, power, scale);
    }

    private void neighbourhood(int ci, int cj) {
        int k = 0;
        for (int i = ci - 1; i <= ci + 1; i++) {
            for (int j = cj - 1; j <= cj + 1; j++, k += 2) {
                int slot = ((i & MASK) << BITS) | (j & MASK);
                long packed = ((long) i << 32) | (j & 0xFFFFFFFFL);
                if (key[slot] != packed) {
                    Voronoi.centre(i, j, s, distort, z, xy, 2 * slot);
                    key[slot] = packed;
                }
                near[k] = xy[2 * slot];
                near[k + 1] = xy[2 * slot + 1];
            }
        }
    }
}

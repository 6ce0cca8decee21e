package bloom.flame.variation;

/**
 * Cells of a square grid whose centres are jittered by 3-D gradient noise, as the crackle
 * variation uses them, and the integer hash behind the noise and tile choices.
 */
final class Voronoi {

    private Voronoi() {}

    /** SplitMix64-style hash of three integers. */
    static long hash(long x, long y, long z) {
        long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL ^ z * 0x165667B19E3779F9L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Gradient noise in about [-1, 1], smooth in x, y, z (quintic fade, hashed unit gradients). */
    static double noise(double x, double y, double z) {
        long ix = (long) Math.floor(x), iy = (long) Math.floor(y), iz = (long) Math.floor(z);
        double fx = x - ix, fy = y - iy, fz = z - iz;
        double u = fade(fx), v = fade(fy), w = fade(fz);
        double n000 = grad(ix, iy, iz, fx, fy, fz), n100 = grad(ix + 1, iy, iz, fx - 1, fy, fz);
        double n010 = grad(ix, iy + 1, iz, fx, fy - 1, fz), n110 = grad(ix + 1, iy + 1, iz, fx - 1, fy - 1, fz);
        double n001 = grad(ix, iy, iz + 1, fx, fy, fz - 1), n101 = grad(ix + 1, iy, iz + 1, fx - 1, fy, fz - 1);
        double n011 = grad(ix, iy + 1, iz + 1, fx, fy - 1, fz - 1), n111 = grad(ix + 1, iy + 1, iz + 1, fx - 1, fy - 1, fz - 1);
        double x00 = n000 + u * (n100 - n000), x10 = n010 + u * (n110 - n010);
        double x01 = n001 + u * (n101 - n001), x11 = n011 + u * (n111 - n011);
        double y0 = x00 + v * (x10 - x00), y1 = x01 + v * (x11 - x01);
        return y0 + w * (y1 - y0);
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double grad(long ix, long iy, long iz, double x, double y, double z) {
        long h = hash(ix, iy, iz);
        // a direction on the unit sphere from two hashed angles
        double a = (h >>> 40) * (2 * Math.PI / (1L << 24));
        double cz = ((h >>> 16) & 0xFFFFFF) / (double) (1 << 23) - 1;
        double sz = Math.sqrt(Math.max(0, 1 - cz * cz));
        return (Math.cos(a) * sz * x + Math.sin(a) * sz * y + cz * z) * 1.5;
    }

    /** Centre of grid cell (i, j) of half-size s, jittered by d times noise in slice z. */
    static void centre(int i, int j, double s, double d, double z, double[] out, int at) {
        out[at] = (i + d * noise(i * 2.5, j * 2.5, z * 2.5)) * s;
        out[at + 1] = (j + d * noise(j * 2.5 + 30.2, i * 2.5 - 12.1, z * 2.5 + 19.8)) * s;
    }

    /**
     * The crackle map of point u: find the cell whose centre is nearest, measure how far u is
     * towards the cell's edge (L = max over neighbours of the projection of u - c on the
     * direction to the neighbour, relative to half the distance), and pull u towards the centre
     * so that it sits at L^power * scale instead.
     */
    static double[] crackle(double ux, double uy, double s, double distort, double z, double power, double scale) {
        int ci = (int) Math.floor(ux / s), cj = (int) Math.floor(uy / s);
        double[] c = new double[18];
        neighbourhood(ci, cj, s, distort, z, c);
        int best = nearest(ux, uy, c);
        neighbourhood(ci + best / 3 - 1, cj + best % 3 - 1, s, distort, z, c);
        return pull(ux, uy, c, power, scale);
    }

    /** The centres of the 3x3 cells around cell (ci, cj), as (x, y) pairs, row by row. */
    private static void neighbourhood(int ci, int cj, double s, double distort, double z, double[] c) {
        int k = 0;
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                centre(ci + di, cj + dj, s, distort, z, c, 2 * k++);
            }
        }
    }

    /** Which of the 9 centres of a neighbourhood is nearest to u (the middle one on a tie). */
    static int nearest(double ux, double uy, double[] c) {
        int best = 4;
        double bestD = Double.MAX_VALUE;
        for (int q = 0; q < 9; q++) {
            double dx = ux - c[2 * q], dy = uy - c[2 * q + 1], dd = dx * dx + dy * dy;
            if (dd < bestD) {
                bestD = dd;
                best = q;
            }
        }
        return best;
    }

    /** u pulled towards the middle centre of the neighbourhood of its nearest cell, as {@link #crackle} says. */
    static double[] pull(double ux, double uy, double[] c, double power, double scale) {
        double px = c[8], py = c[9]; // the middle one of the 3x3
        double dx = ux - px, dy = uy - py, l = 0;
        for (int q = 0; q < 9; q++) {
            if (q == 4) {
                continue;
            }
            double nx = c[2 * q] - px, ny = c[2 * q + 1] - py, len2 = nx * nx + ny * ny;
            if (len2 > 0) {
                l = Math.max(l, (dx * nx + dy * ny) / (len2 / 2));
            }
        }
        double ratio = Math.pow(l + 1e-100, power) * scale / (l + 1e-100);
        return new double[] {px + dx * ratio, py + dy * ratio};
    }
}

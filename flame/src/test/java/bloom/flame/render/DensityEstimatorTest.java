package bloom.flame.render;

import bloom.flame.variation.BatchFormulas;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A JVM's first density estimation spreads with the scalar loop and the later ones with the vector
 * loop: the two must give the same floats, so that a still and the same frame of a film match.
 */
class DensityEstimatorTest {

    /** A histogram of w x h cells, most empty, some hit once (wide kernels), a few hit often. */
    private static Histogram sparse(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] cells = new float[w * h * 4];
        for (int c = 0; c < w * h; c++) {
            double u = rnd.nextDouble();
            float n = u < 0.7 ? 0 : u < 0.95 ? 1 + rnd.nextInt(3) : 50 + rnd.nextInt(5000);
            if (n > 0) {
                cells[4 * c] = n * (float) rnd.nextDouble();
                cells[4 * c + 1] = n * (float) rnd.nextDouble();
                cells[4 * c + 2] = n * (float) rnd.nextDouble();
                cells[4 * c + 3] = n;
            }
        }
        return new Histogram(w, h, 0, cells);
    }

    @Test
    void theScalarAndTheVectorLoopGiveTheSameFloats() {
        assumeTrue(BatchFormulas.vectorised(), "this JVM has no jdk.incubator.vector: only the scalar loop runs");
        for (int os : new int[] {1, 2, 3}) {
            for (int threads : new int[] {1, 3}) {
                Histogram h = sparse(97, 61, 11 + os);
                float[] scalar = DensityEstimator.apply(h, 2.5, 0.01, 9 * os, 0, 0.4, os, threads, false);
                float[] vector = DensityEstimator.apply(h, 2.5, 0.01, 9 * os, 0, 0.4, os, threads, true);
                assertArrayEquals(scalar, vector, "supersample " + os + ", " + threads + " threads");
            }
        }
    }

    /** The kernels are kept from one estimation to the next, and made again for another radius. */
    @Test
    void theKernelsKeptAreThoseOfTheRadiusAskedFor() {
        DensityEstimator.Kernel[] wide = DensityEstimator.kernels(9);
        assertEquals(37, wide.length, "radii 0 to 9 in quarter cells");
        assertTrue(wide == DensityEstimator.kernels(9), "the same radius again: kept, not made again");
        DensityEstimator.Kernel[] narrow = DensityEstimator.kernels(3);
        assertEquals(13, narrow.length);
        assertEquals(37, DensityEstimator.kernels(9).length);
        Histogram h = sparse(53, 37, 5);
        float[] first = DensityEstimator.apply(h, 2.5, 0.01, 3, 0, 0.4, 1, 1, false);
        DensityEstimator.apply(h, 2.5, 0.01, 9, 0, 0.4, 1, 1, false);
        assertArrayEquals(first, DensityEstimator.apply(h, 2.5, 0.01, 3, 0, 0.4, 1, 1, false));
    }

    @Test
    void spreadingKeepsTheTotalOfAFlameWellInside() {
        // one sparse cell in the middle of an empty histogram: its kernel fits, nothing is cut off
        Histogram h = new Histogram(41, 41, 0, new float[41 * 41 * 4]);
        int c = (20 * 41 + 20) * 4;
        h.cells[c] = 0.5f;
        h.cells[c + 1] = 0.25f;
        h.cells[c + 3] = 1;
        for (boolean vector : new boolean[] {false, true}) {
            float[] out = DensityEstimator.apply(h, 2, 1, 9, 0, 0.4, 1, 1, vector);
            double alpha = 0, red = 0;
            int touched = 0;
            for (int i = 0; i < out.length; i += 4) {
                alpha += out[i + 3];
                red += out[i];
                touched += out[i + 3] > 0 ? 1 : 0;
            }
            double expected = 2 * Math.log1p(1); // k1 log(1 + n k2) for n = 1
            assertEquals(expected, alpha, 1e-5, "vector " + vector);
            assertEquals(expected * 0.5, red, 1e-5, "vector " + vector);
            assertTrue(touched > 200, "spread over a disc of radius 9: " + touched + " cells");
        }
    }

    /**
     * The kernel found among the precomputed densities is the formula's, for densities across the
     * doubles' range, at each precomputed density and the double below it, for radii, minimums and
     * curves of every kind (a curve that is not positive, and densities that are not positive
     * finite numbers, take the formula itself).
     */
    @Test
    void theKernelFoundAmongThePrecomputedDensitiesIsTheFormulas() {
        SplittableRandom rnd = new SplittableRandom(17);
        double[][] params = {{9, 0, 0.4}, {18, 0, 0.4}, {3.3, 1.5, 1}, {27, 0.25, 0.1}, {9, 0, 0}, {9, 0, -0.5}, {0.6, 0, 0.4},
                {0.3, 0, 0.4}, {18, 30, 0.4}};
        for (double[] p : params) {
            int kernels = p[0] >= 0.5 ? DensityEstimator.kernels(p[0]).length : 0;
            DensityEstimator.Choice c = DensityEstimator.Choice.of(p[0], p[1], p[2], kernels);
            String what = "radius " + p[0] + ", minimum " + p[1] + ", curve " + p[2];
            java.util.List<Double> densities = new java.util.ArrayList<>(java.util.List.of(0.0, -1.0, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1.0, 0.5, 2.0));
            for (int i = 0; i < 20_000; i++) {
                densities.add(Math.pow(10, rnd.nextDouble(-300, 300)));
                densities.add(Math.pow(10, rnd.nextDouble(-3, 6)));
                densities.add((double) (1 + rnd.nextInt(4000)) / 4);
            }
            if (c.under != null) {
                for (double u : c.under) {
                    densities.add(u);
                    densities.add(Math.nextDown(u));
                    densities.add(Math.nextUp(u));
                }
            }
            int spread = 0;
            for (double d : densities) {
                assertEquals(c.formula(d), c.kernel(d), what + ", density " + d);
                spread += c.kernel(d) >= 0 ? 1 : 0;
            }
            assertTrue(kernels < 3 || spread > 0, what + ": some densities spread");
        }
    }

    /** The estimator takes a kernel's rows as one run from {@code dy[0]}: every kernel's rows must be consecutive. */
    @Test
    void everyKernelsRowsAreConsecutive() {
        DensityEstimator.Kernel[] ks = DensityEstimator.kernels(40);
        for (int q = 0; q < ks.length; q++) {
            int[] dy = ks[q].dy();
            assertTrue(dy.length > 0, "kernel " + q + " has a row");
            assertEquals(-dy[0], dy[dy.length - 1], "kernel " + q + " is symmetric");
            for (int row = 0; row < dy.length; row++) {
                assertEquals(dy[0] + row, dy[row], "kernel " + q + ", row " + row);
            }
        }
    }

    /**
     * A cell by an edge keeps the part of its kernel inside the histogram, row by row: against the
     * kernel applied cell by cell with every cell's bounds tested, at each edge, each corner and a
     * few cells in from them. Cells whose kernel, zero weights past the disc included, lies inside
     * the histogram run as a whole (the centre, and the cell whose padded rows end at the right
     * edge); the cell right of that is one short; a red that is not finite spreads only over the disc.
     */
    @Test
    void aCellByAnEdgeSpreadsOverTheRowsInsideOnly() {
        int w = 31, h = 23;
        double k1 = 2, k2 = 1, radius = 9;
        int whole = w - DensityEstimator.kernels(radius)[DensityEstimator.kernels(radius).length - 1].right();
        int[][] places = {{0, 0}, {15, 0}, {30, 0}, {0, 11}, {30, 11}, {0, 22}, {15, 22}, {30, 22}, {3, 2}, {27, 20}, {15, 11},
                {whole, 11}, {whole + 1, 11}, {15, 11, 1}};
        for (int[] p : places) {
            Histogram hist = new Histogram(w, h, 0, new float[w * h * 4]);
            int c = (p[1] * w + p[0]) * 4;
            hist.cells[c] = p.length > 2 ? Float.POSITIVE_INFINITY : 0.5f;
            hist.cells[c + 1] = 0.25f;
            hist.cells[c + 2] = 0.125f;
            hist.cells[c + 3] = 1;
            // one hit: density 1, so the kernel of the full radius; the cell's log-scaled values
            double scale = k1 * Math.log1p(k2);
            float[] value = {(float) (hist.cells[c] * scale), (float) (0.25 * scale), (float) (0.125 * scale), (float) scale};
            DensityEstimator.Kernel[] ks = DensityEstimator.kernels(radius);
            DensityEstimator.Kernel k = ks[ks.length - 1];
            float[] expected = new float[w * h * 4];
            for (int row = 0; row < k.dy().length; row++) {
                for (int i = 0; i < k.start()[row + 1] - k.start()[row]; i++) {
                    int x = p[0] + k.dx()[row] + i, y = p[1] + k.dy()[row];
                    if (x >= 0 && x < w && y >= 0 && y < h) {
                        for (int ch = 0; ch < 4; ch++) {
                            expected[(y * w + x) * 4 + ch] += k.weight()[k.start()[row] + i] * value[ch];
                        }
                    }
                }
            }
            for (boolean vector : new boolean[] {false, true}) {
                float[] out = DensityEstimator.apply(hist, k1, k2, radius, 0, 0.4, 1, 1, vector && BatchFormulas.vectorised());
                assertArrayEquals(expected, out, "cell (" + p[0] + ", " + p[1] + "), vector " + vector);
            }
        }
    }

    /**
     * The count that decides a JVM's first estimation's loop: every 61st cell's kernel area,
     * within 5% of the exact sum over every cell on a random sparse histogram, and at
     * supersample 2 too; a histogram too small to pass the bound is not counted.
     */
    @Test
    void theWorkCountIsCloseToTheCellsTheSpreadingAddsTo() {
        for (int os : new int[] {1, 2}) {
            Histogram h = sparse(900, 700, 11 + os);
            double radius = 9 * os;
            DensityEstimator.Kernel[] kernels = DensityEstimator.kernels(radius);
            DensityEstimator.Choice choice = DensityEstimator.Choice.of(radius, 0, 0.4, kernels.length);
            long exact = 0;
            for (int y = 0; y < h.height; y++) {
                for (int x = 0; x < h.width; x++) {
                    if (!(h.cells[(y * h.width + x) * 4 + 3] > 0)) {
                        continue;
                    }
                    double density = 0;
                    for (int j = 0; j < os && y + j < h.height; j++) {
                        for (int i = 0; i < os && x + i < h.width; i++) {
                            density += h.cells[((y + j) * h.width + x + i) * 4 + 3];
                        }
                    }
                    int kq = choice.kernel(density);
                    exact += kq < 0 ? 1 : kernels[kq].weight().length;
                }
            }
            long counted = DensityEstimator.work(h, radius, 0, 0.4, os, 0);
            assertTrue(Math.abs(counted - exact) < 0.05 * exact, "supersample " + os + ": counted " + counted + ", exact " + exact);
            long bound = (long) h.width * h.height * kernels[kernels.length - 1].weight().length;
            assertEquals(bound, DensityEstimator.work(h, radius, 0, 0.4, os, bound), "not counted under the bound");
            assertTrue(bound > exact);
        }
    }
}

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
}

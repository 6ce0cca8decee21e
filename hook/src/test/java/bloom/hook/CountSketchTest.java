package bloom.hook;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountSketchTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
        }
        return d;
    }

    @Test
    void isLinearAndSeeded() {
        CountSketch s = new CountSketch(64, 5);
        float[] a = random(10_000, 1);
        float[] b = random(10_000, 2);
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        float[] sa = s.sketch(a);
        float[] sb = s.sketch(b);
        float[] ss = s.sketch(sum);
        for (int k = 0; k < 64; k++) {
            assertEquals(sa[k] + sb[k], ss[k], 1e-3);
        }
        assertArrayEquals(sa, new CountSketch(64, 5).sketch(a));
        assertTrue(!java.util.Arrays.equals(sa, new CountSketch(64, 6).sketch(a)));
    }

    /** Norms and angles survive the sketch: what the flame's motion is built from. */
    @Test
    void preservesNormsAndInnerProductsOnAverage() {
        float[] u = random(200_000, 3);
        float[] w = random(200_000, 4);
        for (int i = 0; i < u.length; i++) {
            w[i] = 0.6f * u[i] + 0.8f * w[i]; // cosine 0.6 with u
        }
        double normRatio = 0;
        double cosine = 0;
        int trials = 20;
        for (int t = 0; t < trials; t++) {
            CountSketch s = new CountSketch(64, 100 + t);
            float[] su = s.sketch(u);
            float[] sw = s.sketch(w);
            normRatio += Math.sqrt(dot(su, su) / dot(u, u)) / trials;
            cosine += dot(su, sw) / Math.sqrt(dot(su, su) * dot(sw, sw)) / trials;
        }
        assertEquals(1.0, normRatio, 0.05);
        assertEquals(0.6, cosine, 0.05);
    }

    /** The pass that sketches also returns the exact sum of squares, over any offset and length. */
    @Test
    void returnsTheExactSumOfSquaresOfAnyStretch() {
        float[] v = random(50_001, 9);
        for (int dims : new int[] {1, 3, 64, 100}) {
            CountSketch s = new CountSketch(dims, 2);
            for (int[] range : new int[][] {{0, v.length}, {7, 4096}, {123, 10_000}, {5, 1}, {0, 0}}) {
                double exact = 0;
                for (int i = range[0]; i < range[0] + range[1]; i++) {
                    exact += (double) v[i] * v[i];
                }
                float[] out = new float[dims];
                double got = s.sketch(java.nio.FloatBuffer.wrap(v), range[0], range[1], out);
                assertEquals(exact, got, 1e-5 * Math.max(1, exact), "dims " + dims + " range " + java.util.Arrays.toString(range));
                assertEquals(exact, s.sumOfSquares(java.nio.FloatBuffer.wrap(v), range[0], range[1]), 1e-5 * Math.max(1, exact));
            }
        }
    }

    /** A stretch of a buffer sketches like the same values in their own array: the sketch depends on the index in the stretch. */
    @Test
    void aStretchSketchesLikeItsOwnArray() {
        float[] v = random(20_000, 11);
        float[] part = java.util.Arrays.copyOfRange(v, 333, 333 + 9_000);
        CountSketch s = new CountSketch(64, 4);
        float[] out = new float[64];
        s.sketch(java.nio.FloatBuffer.wrap(v), 333, 9_000, out);
        assertArrayEquals(s.sketch(part), out, 1e-4f);
    }

    /**
     * Each element lands in one bucket with a sign: a single non-zero element gives a sketch with
     * one entry of the same magnitude, wherever it is (inside a block, in a short last block).
     */
    @Test
    void oneElementLandsInOneBucket() {
        CountSketch s = new CountSketch(64, 8);
        for (int at : new int[] {0, 63, 64, 4095, 4096, 10_000, 12_287}) {
            float[] v = new float[12_288 - 7];
            if (at >= v.length) {
                continue;
            }
            v[at] = 2.5f;
            float[] out = s.sketch(v);
            int nonZero = 0;
            for (float x : out) {
                if (x != 0) {
                    nonZero++;
                    assertEquals(2.5, Math.abs(x), 0, "element " + at);
                }
            }
            assertEquals(1, nonZero, "element " + at);
        }
    }

    /** A NaN or infinite update is recorded as such: an exploding gradient is data. */
    @Test
    void nonFiniteValuesPropagate() {
        float[] v = random(5_000, 12);
        v[4_321] = Float.POSITIVE_INFINITY;
        float[] out = new float[16];
        double sum = new CountSketch(16, 1).sketch(java.nio.FloatBuffer.wrap(v), 0, v.length, out);
        assertTrue(Double.isInfinite(sum));
        v[4_321] = Float.NaN;
        assertTrue(Double.isNaN(new CountSketch(16, 1).sketch(java.nio.FloatBuffer.wrap(v), 0, v.length, out)));
    }

    /** The Vector API loop and the portable loop give the same sketch, bit for bit, from an off-heap buffer. */
    @Test
    void bothKernelsAgreeBitForBit() {
        float[] v = random(123_457, 21);
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(v.length * 4).order(java.nio.ByteOrder.nativeOrder());
        direct.asFloatBuffer().put(v);
        for (int dims : new int[] {64, 5}) {
            CountSketch fast = new CountSketch(dims, 3);
            CountSketch portable = new CountSketch(dims, 3, CountSketch.PORTABLE);
            float[] a = new float[dims];
            float[] b = new float[dims];
            double qa = fast.sketch(direct, 11, v.length - 11, a);
            double qb = portable.sketch(direct, 11, v.length - 11, b);
            assertArrayEquals(b, a, 0f, fast.kernel() + " vs " + portable.kernel());
            assertEquals(qb, qa, 0);
            assertArrayEquals(portable.sketch(java.util.Arrays.copyOfRange(v, 11, v.length)), a, 0f, "from an array");
            assertEquals(portable.sumOfSquares(direct, 3, 70_000), fast.sumOfSquares(direct, 3, 70_000), 0);
        }
        assertEquals("Vector API", new CountSketch(64, 1).kernel(), "the tests run with jdk.incubator.vector");
    }

    /**
     * A rank-one update (an outer product, as a dense layer's weight gradient for one example is)
     * whose rows are exactly one sketch long still sketches to its norm: the chunk's rotation keeps
     * row from landing on row.
     */
    @Test
    void aMatrixWithRowsOfTheSketchLengthKeepsItsNorm() {
        float[] x = random(64, 30);
        float[] d = random(512, 31);
        float[] u = new float[64 * 512];
        for (int c = 0; c < 512; c++) {
            for (int r = 0; r < 64; r++) {
                u[c * 64 + r] = x[r] * d[c]; // column-major [64 x 512], as DL4J stores weights
            }
        }
        double norm = Math.sqrt(dot(u, u));
        double[] ratios = new double[40];
        for (int t = 0; t < ratios.length; t++) {
            float[] s = new CountSketch(64, 500 + t).sketch(u);
            ratios[t] = Math.sqrt(dot(s, s)) / norm;
        }
        double mean = java.util.Arrays.stream(ratios).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(ratios).map(r -> (r - mean) * (r - mean)).sum() / ratios.length);
        assertEquals(1.0, mean, 0.1);
        assertTrue(sd < 0.25, "spread of the norm over seeds " + sd + " (a classic count sketch: about 0.1)");
    }
}

package bloom.nmt.hook;

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
}

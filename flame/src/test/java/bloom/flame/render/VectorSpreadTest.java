package bloom.flame.render;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The density estimator's vector loop adds the same floats as its scalar loop, cell for cell. */
class VectorSpreadTest {

    @Test
    void aRunOfCellsGainsWhatTheScalarLoopAdds() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n = 0; n < 40; n++) {
            float[] w = new float[n + 8];
            float[] w4 = new float[4 * w.length + 16];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextDouble();
                java.util.Arrays.fill(w4, 4 * i, 4 * i + 4, w[i]);
            }
            float r = (float) rnd.nextDouble(), g = (float) rnd.nextDouble(), b = (float) rnd.nextDouble(), a = 1.7f;
            float[] rgba4 = new float[VectorSpread.LANES];
            for (int i = 0; i < rgba4.length; i += 4) {
                rgba4[i] = r;
                rgba4[i + 1] = g;
                rgba4[i + 2] = b;
                rgba4[i + 3] = a;
            }
            float[] scalar = new float[4 * (n + 10)], vector;
            for (int i = 0; i < scalar.length; i++) {
                scalar[i] = (float) rnd.nextDouble();
            }
            vector = scalar.clone();
            int o = 8, s = 3; // cells from 2, weights from 3
            for (int i = 0; i < n; i++) {
                float kw = w[s + i];
                scalar[o + 4 * i] += kw * r;
                scalar[o + 4 * i + 1] += kw * g;
                scalar[o + 4 * i + 2] += kw * b;
                scalar[o + 4 * i + 3] += kw * a;
            }
            int done = VectorSpread.add(vector, o, w4, 4 * s, n, rgba4);
            assertTrue(done <= n && n - done < VectorSpread.LANES / 4 + 1, n + " cells, " + done + " by vectors");
            for (int i = done; i < n; i++) {
                float kw = w[s + i];
                vector[o + 4 * i] += kw * r;
                vector[o + 4 * i + 1] += kw * g;
                vector[o + 4 * i + 2] += kw * b;
                vector[o + 4 * i + 3] += kw * a;
            }
            assertArrayEquals(scalar, vector, n + " cells");
        }
        assertEquals(0, VectorSpread.LANES % 4, "a vector holds whole cells");
    }
}

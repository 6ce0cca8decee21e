package bloom.nmt.net;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The element-wise kernels: accurate, and the vector and scalar forms agree bit for bit. */
class VecTest {

    @Test
    void expIsAccurateAndItsVectorAndScalarFormsRoundAlike() {
        SplittableRandom rnd = new SplittableRandom(3);
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        double worst = 0;
        for (int n = 0; n < 20_000; n++) {
            for (int i = 0; i < lanes; i++) {
                x[i] = (float) (rnd.nextDouble(-90, 90) * (n % 2 == 0 ? 1 : 0.05));
            }
            Vec.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++) {
                assertEquals(Float.floatToRawIntBits(Vec.exp(x[i])), Float.floatToRawIntBits(y[i]), "exp(" + x[i] + ")");
                if (x[i] > -87 && x[i] < 88) {
                    worst = Math.max(worst, Math.abs(y[i] / Math.exp(x[i]) - 1));
                }
            }
        }
        assertTrue(worst < 3e-7, "relative error " + worst);
    }

    @Test
    void sigmoidAndTanhAreAccurate() {
        float[] s = new float[1003];
        float[] t = new float[1003];
        for (int i = 0; i < s.length; i++) {
            s[i] = t[i] = (i - 501) / 25f;
        }
        Vec.sigmoid(s, 0, s.length);
        Vec.tanh(t, 0, t.length);
        for (int i = 0; i < s.length; i++) {
            double x = (i - 501) / 25.0;
            assertEquals(1 / (1 + Math.exp(-x)), s[i], 2e-7, "sigmoid(" + x + ")");
            assertEquals(Math.tanh(x), t[i], 5e-7, "tanh(" + x + ")");
        }
    }
}

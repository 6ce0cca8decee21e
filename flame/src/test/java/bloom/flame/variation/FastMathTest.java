package bloom.flame.variation;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FastMathTest {

    @Test
    void hyperbolicFunctionsAgreeWithTheJdk() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            double x = r.nextDouble(-30, 30) * (r.nextBoolean() ? 1 : 1e-5);
            assertEquals(Math.cosh(x), FastMath.cosh(x), 4e-16 * Math.cosh(x));
            assertEquals(Math.sinh(x), FastMath.sinh(x), 4e-16 * Math.cosh(x));
        }
    }

    @Test
    void atan2AgreesWithTheJdk() {
        SplittableRandom r = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double scale = Math.pow(10, r.nextInt(-8, 9));
            double y = r.nextDouble(-1, 1) * scale;
            double x = r.nextDouble(-1, 1) * scale;
            worst = Math.max(worst, Math.abs(FastMath.atan2(y, x) - Math.atan2(y, x)));
        }
        assertEquals(0, worst, 1e-14);
        double[] special = {0.0, -0.0, 1, -1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-320};
        for (double y : special) {
            for (double x : special) {
                assertEquals(Math.atan2(y, x), FastMath.atan2(y, x), 1e-14, "atan2(" + y + ", " + x + ")");
            }
        }
    }
}

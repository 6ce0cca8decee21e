package bloom.flame.genome;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurvesTest {

    private static Curves allFour(double... points) {
        double[] v = new double[Curves.CURVES * Curves.POINTS * 3];
        for (int c = 0; c < Curves.CURVES; c++) {
            System.arraycopy(points, 0, v, c * 12, 12);
        }
        return new Curves(v);
    }

    @Test
    void identityCurvesMapEveryValueToItself() {
        float[][] t = Curves.IDENTITY.tables();
        for (float x = 0; x <= 1; x += 0.01f) {
            assertEquals(x, Curves.apply(t[0], x), 2e-3, "x " + x);
        }
    }

    /**
     * Regression: Fractorium writes curves whose last point lies at x = 0.75; building the table
     * read one sample past the end (ArrayIndexOutOfBoundsException after the whole render). The
     * table now holds the curve's end value beyond it.
     */
    @Test
    void aCurveThatEndsBeforeOneHoldsItsEndValue() {
        Curves c = allFour(0, 0, 1, 0.25, 0.25, 1, 0.5, 0.5, 1, 0.75, 0.75, 1);
        float[][] t = c.tables();
        for (float[] table : t) {
            assertEquals(0.4f, Curves.apply(table, 0.4f), 2e-3);
            assertEquals(0.75f, Curves.apply(table, 0.9f), 2e-3);
            assertEquals(0.75f, Curves.apply(table, 1f), 2e-3);
        }
        Curves late = allFour(0.2, 0.1, 1, 0.4, 0.4, 1, 0.6, 0.6, 1, 0.8, 0.9, 1);
        float[] table = late.tables()[0];
        assertEquals(0.1f, Curves.apply(table, 0.05f), 2e-3, "before the curve's start");
        assertEquals(0.9f, Curves.apply(table, 0.95f), 2e-3, "after its end");
        for (int i = 1; i < table.length; i++) {
            assertTrue(table[i] >= table[i - 1] - 1e-6, "a monotonic curve gives a monotonic table at " + i);
        }
    }
}

package bloom.palette;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftingPalettesTest {

    /**
     * Embeddings that start as one random cloud and drift apart: each token walks in its own
     * direction, so the tokens' movements differ more and more.
     */
    private static List<double[][]> diverging(int snapshots) {
        SplittableRandom r = new SplittableRandom(4);
        int rows = 60;
        int cols = 16;
        double[][] base = new double[rows][cols];
        double[][] dir = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                base[i][c] = 0.1 * r.nextGaussian();
                dir[i][c] = r.nextGaussian();
            }
        }
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < snapshots; s++) {
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < cols; c++) {
                    m[i][c] = base[i][c] + 0.05 * s * dir[i][c];
                }
            }
            out.add(m);
        }
        return out;
    }

    private static long[] steps(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = 10L * i;
        }
        return s;
    }

    @Test
    void startsMonochromeAndGainsColour() {
        DriftingPalettes p = DriftingPalettes.fit(steps(12), diverging(12), PaletteOptions.defaults(1));
        double first = DriftingPalettes.colourfulness(p.palette(0));
        double last = DriftingPalettes.colourfulness(p.palette(11));
        assertEquals(0, first, 1e-6, "before any movement every band has the starting colour");
        assertTrue(last > 0.1, "colourfulness at the end: " + last);
        double previous = first;
        for (int s = 1; s < 12; s++) {
            double c = DriftingPalettes.colourfulness(p.palette(s));
            assertTrue(c >= previous - 0.05, "colour grows as the walks diverge: " + c + " after " + previous);
            previous = c;
        }
    }

    /** A palette built while training runs equals the one built from the whole trace afterwards. */
    @Test
    void eachPaletteDependsOnlyOnTheSnapshotsUpToIt() {
        List<double[][]> all = diverging(9);
        DriftingPalettes whole = DriftingPalettes.fit(steps(9), all, PaletteOptions.defaults(5));
        for (int k = 1; k <= 9; k++) {
            DriftingPalettes prefix = DriftingPalettes.fit(java.util.Arrays.copyOf(steps(9), k), all.subList(0, k),
                    PaletteOptions.defaults(5));
            for (int s = 0; s < k; s++) {
                assertArrayEquals(whole.palette(s), prefix.palette(s), "snapshot " + s + " of a prefix of " + k);
            }
        }
    }

    @Test
    void seededAndInterpolatedTowardTheLastSnapshot() {
        DriftingPalettes a = DriftingPalettes.fit(steps(5), diverging(5), PaletteOptions.defaults(3));
        DriftingPalettes b = DriftingPalettes.fit(steps(5), diverging(5), PaletteOptions.defaults(3));
        assertArrayEquals(a.palette(4), b.palette(4));
        float[] mid = a.paletteToward(2, 0.5);
        float[] lo = a.palette(1);
        float[] hi = a.palette(2);
        for (int i = 0; i < mid.length; i++) {
            assertEquals((lo[i] + hi[i]) / 2, mid[i], 1e-6);
        }
        assertArrayEquals(a.palette(0), a.paletteToward(0, 0.3));
        assertArrayEquals(a.palette(4), a.paletteToward(4, 7));
        for (float v : a.palette(4)) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void temperatureScalesTheColourChange() {
        PaletteOptions cool = new PaletteOptions(16, 0.2, 0, 0, 1);
        PaletteOptions warm = new PaletteOptions(16, 1.0, 0, 0, 1);
        double c = DriftingPalettes.colourfulness(DriftingPalettes.fit(steps(8), diverging(8), cool).palette(7));
        double w = DriftingPalettes.colourfulness(DriftingPalettes.fit(steps(8), diverging(8), warm).palette(7));
        assertTrue(w > c, "temperature 1 gives " + w + ", 0.2 gives " + c);
    }

    @Test
    void reflectsIntoTheUnitInterval() {
        assertEquals(0.3, DriftingPalettes.reflect(0.3), 1e-12);
        assertEquals(0.8, DriftingPalettes.reflect(1.2), 1e-12);
        assertEquals(0.2, DriftingPalettes.reflect(-0.2), 1e-12);
        assertEquals(0.5, DriftingPalettes.reflect(2.5), 1e-12);
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> DriftingPalettes.fit(new long[] {0, 0}, diverging(2), PaletteOptions.defaults(1)));
        assertThrows(IllegalArgumentException.class, () -> DriftingPalettes.fit(new long[] {0}, diverging(2), PaletteOptions.defaults(1)));
        assertThrows(IllegalArgumentException.class, () -> new PaletteOptions(0, 1, 0, 0, 1));
    }
}

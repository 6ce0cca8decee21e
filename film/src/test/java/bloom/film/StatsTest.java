package bloom.film;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    @Test
    void spearmanIsPearsonOfRanksWithTiesAveraged() {
        assertEquals(1.0, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 35, 100}), 1e-12);
        assertEquals(-1.0, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-12);
        // ranks x: 1 2 3 4 5, y: 2 1 4 3 5 -> 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, Stats.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
        assertTrue(Double.isNaN(Stats.spearman(new double[] {1, Double.NaN}, new double[] {1, 2})));
        assertEquals(1.0, Stats.spearman(new double[] {1, 2, Double.NaN, 3}, new double[] {1, 2, 7, 3}), 1e-12);
    }

    @Test
    void meanAbsoluteDifferenceIsPerChannelOver255() {
        assertEquals(0.0, Stats.meanAbsoluteDifference(new int[] {0x102030}, new int[] {0x102030}));
        assertEquals((255 + 0 + 51) / (3 * 255.0), Stats.meanAbsoluteDifference(new int[] {0xFF0033}, new int[] {0x000000}), 1e-12);
    }
}

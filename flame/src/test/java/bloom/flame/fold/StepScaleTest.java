package bloom.flame.fold;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepScaleTest {

    /** Standard deviation of the log ratios of steps 100..n of a run with log-normal step sizes. */
    private static double logRatioSpread(double contrast, double sd, long seed) {
        StepScale s = new StepScale(contrast);
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int t = 0; t < 3000; t++) {
            double r = s.next(0.7 * Math.exp(sd * rng.nextGaussian()));
            if (t >= 100) {
                double l = Math.log(r);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double m = sum / n;
        return Math.sqrt(sq / n - m * m);
    }

    @Test
    void contrastZeroIsTheStepOverTheGeometricMeanSoFar() {
        StepScale s = new StepScale(0);
        double[] u = {2, 8, 1, 4};
        double logSum = 0;
        for (int i = 0; i < u.length; i++) {
            logSum += Math.log(u[i]);
            assertEquals(u[i] / Math.exp(logSum / (i + 1)), s.next(u[i]), 1e-12);
        }
        assertEquals(Math.exp(logSum / u.length), s.typical(), 1e-12);
    }

    /** Adam's steps (10% spread) and SGD's (tenfold) come out at the same contrast. */
    @Test
    void contrastSpreadsAnyOptimizersStepsAlike() {
        for (double c : new double[] {0.5, 1, 2}) {
            for (double sd : new double[] {0.1, 1.0}) {
                double spread = logRatioSpread(c, sd, 5);
                assertEquals(c, spread, 0.1 * c, "contrast " + c + ", log step spread " + sd);
            }
        }
        assertEquals(0.1, logRatioSpread(0, 0.1, 5), 0.01, "contrast 0 keeps the run's own spread");
    }

    /** One exploding step is an outlier on its frame and leaves the contrast of later steps alone. */
    @Test
    void anExplodingStepIsLargeAndDoesNotFlattenTheRest() {
        StepScale s = new StepScale(1);
        SplittableRandom rng = new SplittableRandom(8);
        for (int t = 0; t < 500; t++) {
            s.next(Math.exp(0.1 * rng.nextGaussian()));
        }
        double spike = s.next(1e12);
        assertTrue(spike > 1e10 && Double.isFinite(spike), "a step 1e12 times typical got ratio " + spike);
        assertEquals(Math.exp(1), s.next(Math.exp(0.1)), 0.15, "one sd above the mean after the spike");
        assertTrue(Double.isFinite(s.next(Double.MAX_VALUE)));
    }

    @Test
    void nonFiniteAndNonPositiveNormsMoveNothingAndAreNotCounted() {
        StepScale s = new StepScale(1);
        s.next(1);
        s.next(2);
        double typical = s.typical();
        for (double u : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -1}) {
            assertTrue(Double.isNaN(s.next(u)), "norm " + u);
        }
        assertEquals(typical, s.typical());
        assertThrows(IllegalArgumentException.class, () -> new StepScale(-1));
        assertThrows(IllegalArgumentException.class, () -> new StepScale(Double.NaN));
    }
}

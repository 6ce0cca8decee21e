package bloom.flame.fold;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepScaleTest {

    private static StepScale of(double contrast, double[] norms) {
        StepScale s = new StepScale(contrast);
        for (double u : norms) {
            s.add(u);
        }
        return s;
    }

    private static double[] logNormal(int n, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = 0.7 * Math.exp(sd * rng.nextGaussian());
        }
        return u;
    }

    @Test
    void contrastZeroIsTheSquaredStepOverTheRunsFirstSteps() {
        double[] u = {2, 8, 1, 4, 3, 5, 2, 6, 7, 1, 9, 0.5};
        StepScale s = of(0, u);
        double logSum = 0;
        for (int i = 0; i < StepScale.START; i++) {
            logSum += Math.log(u[i]);
        }
        double start = Math.exp(logSum / StepScale.START);
        assertEquals(start, s.typical(), 1e-12);
        for (int i = 0; i < u.length; i++) {
            assertEquals(Math.pow(u[i] / start, StepScale.TREND), s.ratio(i), 1e-9, "step " + i);
        }
    }

    /** Adam's steps (3% spread) and SGD's (tenfold) are both told apart, in the order of their sizes. */
    @Test
    void neighbouringStepsAreToldApartWhateverTheirSpread() {
        for (double c : new double[] {0.5, 1.5}) {
            for (double sd : new double[] {0.03, 1.0}) {
                double[] u = logNormal(1000, sd, 5);
                StepScale s = of(c, u);
                double[] r = new double[u.length];
                double sum = 0;
                double sq = 0;
                for (int t = 0; t < u.length; t++) {
                    r[t] = s.ratio(t);
                    double local = Math.log(r[t]) - StepScale.TREND * Math.log(u[t] / s.typical());
                    sum += local;
                    sq += local * local;
                }
                double spread = Math.sqrt(sq / u.length - (sum / u.length) * (sum / u.length));
                // A clipped standard normal at +-2 has standard deviation 0.88.
                assertEquals(0.88 * c, spread, 0.12 * c, "contrast " + c + ", log step spread " + sd);
                assertTrue(StepFolderTest.spearman(u, r) > 0.97, "ratios follow the step sizes: " + StepFolderTest.spearman(u, r));
            }
        }
    }

    /**
     * A run that starts with a fast decay (tenfold over 50 steps) and then takes steps of one size
     * within 3%: the decaying steps are drawn larger than nine in ten later ones, not smaller than
     * the ones before them, and the steady part moves by the square of its size against the start.
     */
    @Test
    void aFastEarlyDecayIsDrawnAsTheLargestStepsOfTheRun() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] u = new double[400];
        for (int t = 0; t < u.length; t++) {
            double trend = t < 50 ? Math.exp(-Math.log(10) * t / 50.0) : 0.1;
            u[t] = trend * Math.exp(0.03 * rng.nextGaussian());
        }
        StepScale s = of(1.5, u);
        double[] r = new double[u.length];
        for (int t = 0; t < u.length; t++) {
            r[t] = s.ratio(t);
        }
        double[] late = Arrays.copyOfRange(r, 100, 400);
        Arrays.sort(late);
        double ninetieth = late[late.length * 9 / 10];
        for (int t = 0; t < 35; t++) {
            assertTrue(r[t] > ninetieth, "decaying step " + t + " got " + r[t] + ", the steady part's 90th percentile " + ninetieth);
        }
        double typical = 0.1 / s.typical();
        assertEquals(typical * typical, late[late.length / 2], 0.3 * typical * typical, "median steady step");
        assertTrue(StepFolderTest.spearman(u, r) > 0.8, "whole run: " + StepFolderTest.spearman(u, r));
    }

    /** One exploding step is drawn huge, and the steps around it keep their ratios within a quarter (their local spread is e^-3..e^3). */
    @Test
    void anExplodingStepIsLargeAndLeavesItsNeighboursAlone() {
        double[] u = logNormal(500, 0.1, 8);
        StepScale calm = of(1.5, u);
        double[] spiked = u.clone();
        spiked[250] = 1e12;
        StepScale s = of(1.5, spiked);
        double spike = s.ratio(250);
        assertTrue(spike > 1e20 && Double.isFinite(spike), "a step 1e12 times typical got ratio " + spike);
        for (int t = 200; t <= 300; t++) {
            if (t != 250) {
                assertEquals(calm.ratio(t), s.ratio(t), 0.25 * calm.ratio(t), "step " + t);
            }
        }
        s.add(Double.MAX_VALUE);
        assertTrue(Double.isFinite(s.ratio(s.size() - 1)));
    }

    @Test
    void nonFiniteAndNonPositiveNormsMoveNothingAndAreNotCounted() {
        StepScale s = new StepScale(1);
        s.add(1);
        s.add(2);
        double typical = s.typical();
        for (double u : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -1}) {
            s.add(u);
            assertTrue(Double.isNaN(s.ratio(s.size() - 1)), "norm " + u);
        }
        assertEquals(typical, s.typical());
        assertTrue(Double.isFinite(s.ratio(0)) && Double.isFinite(s.ratio(1)));
        assertThrows(IllegalArgumentException.class, () -> new StepScale(-1));
        assertThrows(IllegalArgumentException.class, () -> new StepScale(Double.NaN));
        assertThrows(IndexOutOfBoundsException.class, () -> s.ratio(s.size()));
    }

    /** A ratio is final once the window after its step is known; adding steps later does not change it. */
    @Test
    void aSettledRatioNeverChanges() {
        double[] u = logNormal(300, 0.3, 11);
        StepScale whole = of(1.5, u);
        StepScale growing = new StepScale(1.5);
        for (int n = 0; n < u.length; n++) {
            growing.add(u[n]);
            int t = n - StepScale.WINDOW;
            if (t >= 0) {
                assertTrue(growing.settled(t));
                assertFalse(growing.settled(t + 1));
                assertEquals(whole.ratio(t), growing.ratio(t), 0, "step " + t + " with " + (n + 1) + " known");
            }
        }
    }
}

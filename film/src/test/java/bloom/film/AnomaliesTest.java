package bloom.film;

import bloom.trace.StepRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection rules on made-up traces whose faults are known. */
class AnomaliesTest {

    /** A healthy run: log-normal noise on every series around a slowly falling loss, random sketches. */
    static List<StepRecord> clean(int n, long seed) {
        Random rnd = new Random(seed);
        List<StepRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            double loss = 60 * Math.exp(-i / 400.0) * Math.exp(0.3 * rnd.nextGaussian());
            double grad = 4 * Math.exp(0.4 * rnd.nextGaussian());
            float[] sketch = new float[16];
            for (int k = 0; k < sketch.length; k++) {
                sketch[k] = (float) rnd.nextGaussian();
            }
            out.add(new StepRecord(i, 0, loss, grad, grad * 0.1, 100, sketch));
        }
        return out;
    }

    static StepRecord with(StepRecord r, double loss, double grad, double update, float[] sketch) {
        return new StepRecord(r.step(), r.epoch(), loss, grad, update, r.paramNorm(), sketch);
    }

    static List<Anomalies.Anomaly> detect(List<StepRecord> steps) {
        return Anomalies.detect(steps, null, Anomalies.Settings.DEFAULT);
    }

    @Test
    void cleanRunsFlagNothing() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Anomalies.Anomaly> found = detect(clean(2000, seed));
            assertTrue(found.isEmpty(), "seed " + seed + ": " + found);
        }
    }

    @Test
    void aGradientExplosionIsFlaggedAtItsBatchAndDoesNotHideTheNext() {
        List<StepRecord> s = clean(500, 3);
        for (int at : new int[] {300, 302}) {
            StepRecord r = s.get(at - 1);
            s.set(at - 1, with(r, r.loss(), r.gradNorm() * 50, r.updateNorm(), r.sketch()));
        }
        List<Anomalies.Anomaly> found = detect(s);
        assertEquals(List.of(300L, 302L), found.stream().map(Anomalies.Anomaly::batch).toList(), found.toString());
        assertTrue(found.stream().allMatch(a -> a.rule().equals("grad-norm-spike") && a.score() > 6), found.toString());
        assertEquals(299, found.get(0).frame());
    }

    @Test
    void lossSpikesUpdateSpikesAndRatiosOutsideTheBand() {
        List<StepRecord> s = clean(400, 5);
        StepRecord r = s.get(199);
        s.set(199, with(r, r.loss() * 20, r.gradNorm(), r.updateNorm(), r.sketch()));
        r = s.get(299);
        s.set(299, with(r, r.loss(), r.gradNorm(), r.updateNorm() * 400, r.sketch())); // ratio 0.4 * 400 / 100 > 0.1
        List<Anomalies.Anomaly> found = detect(s);
        assertTrue(found.stream().anyMatch(a -> a.batch() == 200 && a.rule().equals("loss-spike")), found.toString());
        assertTrue(found.stream().anyMatch(a -> a.batch() == 300 && a.rule().equals("update-norm-spike")), found.toString());
        assertTrue(found.stream().anyMatch(a -> a.batch() == 300 && a.rule().equals("update-ratio")), found.toString());
        assertTrue(found.stream().allMatch(a -> a.batch() == 200 || a.batch() == 300), found.toString());
    }

    @Test
    void nonFiniteValuesAreFlaggedAndDetectionGoesOn() {
        List<StepRecord> s = clean(300, 7);
        StepRecord r = s.get(99);
        s.set(99, with(r, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, r.sketch()));
        r = s.get(199);
        s.set(199, with(r, r.loss(), r.gradNorm() * 80, r.updateNorm(), r.sketch()));
        List<Anomalies.Anomaly> found = detect(s);
        assertEquals("non-finite", found.get(0).rule());
        assertEquals(100, found.get(0).batch());
        assertEquals("NaN", found.get(0).toJson().get("value"));
        assertTrue(found.stream().anyMatch(a -> a.batch() == 200 && a.rule().equals("grad-norm-spike")), found.toString());
    }

    @Test
    void jitterIsOneRangeOfOpposingSteps() {
        List<StepRecord> s = clean(300, 9);
        float[] d = s.get(0).sketch();
        for (int i = 100; i < 130; i++) {
            float[] v = d.clone();
            if (i % 2 == 1) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = -v[k];
                }
            }
            StepRecord r = s.get(i);
            s.set(i, with(r, r.loss(), r.gradNorm(), r.updateNorm(), v));
        }
        // the steps on either side are orthogonal to the jitter: the range has exact ends
        for (int i : new int[] {99, 130}) {
            float[] e = s.get(i).sketch();
            double dot = 0, dd = 0;
            for (int k = 0; k < e.length; k++) {
                dot += e[k] * d[k];
                dd += d[k] * d[k];
            }
            for (int k = 0; k < e.length; k++) {
                e[k] -= (float) (dot / dd * d[k]);
            }
            StepRecord r = s.get(i);
            s.set(i, with(r, r.loss(), r.gradNorm(), r.updateNorm(), e));
        }
        List<Anomalies.Anomaly> found = detect(s).stream().filter(a -> a.rule().equals("jitter")).toList();
        assertEquals(1, found.size(), found.toString());
        Anomalies.Anomaly j = found.get(0);
        assertEquals(101, j.batch());
        assertEquals(130, j.until());
        assertEquals(-1.0, j.value(), 1e-6);
        assertEquals(130L, j.toJson().get("until"));
    }

    @Test
    void frameChangeSpikesAreFlagged() {
        List<StepRecord> s = clean(200, 11);
        Random rnd = new Random(2);
        double[] change = new double[s.size()];
        for (int i = 0; i < change.length; i++) {
            change[i] = 0.01 * Math.exp(0.3 * rnd.nextGaussian());
        }
        change[0] = Double.NaN;
        change[150] = 0.5;
        List<Anomalies.Anomaly> found = Anomalies.detect(s, change, Anomalies.Settings.DEFAULT);
        assertEquals(1, found.size(), found.toString());
        assertEquals("frame-change", found.get(0).rule());
        assertEquals(151, found.get(0).batch());
    }
}

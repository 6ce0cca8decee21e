package bloom.film;

import bloom.trace.StepRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags the minibatches of a recorded run that an engineer would want to look at.
 *
 * <p>Per batch, in trace order:
 * <ul>
 * <li>{@code non-finite}: loss, gradient norm or update norm is NaN or infinite;</li>
 * <li>{@code grad-norm-spike}, {@code update-norm-spike}: the z-score of the log of the norm
 * against an exponential moving mean and variance (in the manner of ZClip); the statistics warm
 * up over the first batches and a flagged value does not enter them, so a spike cannot hide the
 * next one;</li>
 * <li>{@code loss-spike}: likewise for the loss, relative to its moving mean in log space (so a
 * converged model's tiny losses do not flag every wobble);</li>
 * <li>{@code update-ratio}: the update:parameter ratio outside a band of decades around the
 * healthy 1e-3 (score: decades outside);</li>
 * <li>{@code frame-change}: the z-score of the log of the frame-to-frame image change, when the
 * run was rendered;</li>
 * <li>{@code jitter}: a run of consecutive batches whose update sketches point in opposing
 * directions (cosine of consecutive sketches below a threshold), reported once as a range.</li>
 * </ul>
 * Logs make the scores scale-free: a norm ten times its usual size scores the same in any model.
 */
public final class Anomalies {

    /** Thresholds; the defaults flag nothing on clean runs of the default configuration. */
    public record Settings(int warmup, double decay, double gradZ, double updateZ, double lossZ, double ratioLow,
                    double ratioHigh, double changeZ, double jitterCosine, int jitterLength) {

        public static final Settings DEFAULT = new Settings(25, 0.95, 6, 6, 5, 1e-5, 1e-1, 8, -0.2, 12);

        public Settings {
            if (warmup < 2) {
                throw new IllegalArgumentException("warm-up " + warmup + ": expected at least 2 batches");
            }
            if (!(decay > 0 && decay < 1)) {
                throw new IllegalArgumentException("decay " + decay + ": expected between 0 and 1");
            }
            if (!(ratioLow > 0 && ratioHigh > ratioLow)) {
                throw new IllegalArgumentException("update-ratio band " + ratioLow + ".." + ratioHigh + ": expected 0 < low < high");
            }
            if (jitterLength < 2) {
                throw new IllegalArgumentException("jitter length " + jitterLength + ": expected at least 2 batches");
            }
        }
    }

    /** One flagged batch; {@code until} is the last batch of a jitter range, else the batch itself. */
    public record Anomaly(long batch, long frame, String rule, double value, double score, long until) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", batch);
            m.put("frame", frame);
            m.put("rule", rule);
            m.put("value", Double.isFinite(value) ? value : String.valueOf(value));
            m.put("score", Double.isFinite(score) ? score : String.valueOf(score));
            if (until != batch) {
                m.put("until", until);
            }
            return m;
        }
    }

    private Anomalies() {}

    /**
     * Detects over the steps of a trace; {@code change[i]} is the image change into the frame of
     * step i (NaN where unknown or not rendered), or null.
     */
    public static List<Anomaly> detect(List<StepRecord> steps, double[] change, Settings s) {
        List<Anomaly> out = new ArrayList<>();
        Moving grad = new Moving(s), update = new Moving(s), loss = new Moving(s), frame = new Moving(s);
        int jitterStart = -1;
        double jitterSum = 0;
        float[] previousSketch = null;
        for (int i = 0; i < steps.size(); i++) {
            StepRecord r = steps.get(i);
            long b = r.step();
            if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradNorm()) || !Double.isFinite(r.updateNorm())) {
                double v = !Double.isFinite(r.loss()) ? r.loss() : !Double.isFinite(r.gradNorm()) ? r.gradNorm() : r.updateNorm();
                out.add(new Anomaly(b, i, "non-finite", v, Double.POSITIVE_INFINITY, b));
            } else {
                double z = grad.z(Math.log(Math.max(r.gradNorm(), 1e-30)), s.gradZ());
                if (z >= s.gradZ()) {
                    out.add(new Anomaly(b, i, "grad-norm-spike", r.gradNorm(), z, b));
                }
                z = update.z(Math.log(Math.max(r.updateNorm(), 1e-30)), s.updateZ());
                if (z >= s.updateZ()) {
                    out.add(new Anomaly(b, i, "update-norm-spike", r.updateNorm(), z, b));
                }
                z = loss.z(Math.log(Math.max(r.loss(), 1e-30)), s.lossZ());
                if (z >= s.lossZ()) {
                    out.add(new Anomaly(b, i, "loss-spike", r.loss(), z, b));
                }
                double ratio = r.updateRatio();
                if (ratio > 0 && Double.isFinite(ratio) && (ratio < s.ratioLow() || ratio > s.ratioHigh())) {
                    double decades = ratio < s.ratioLow() ? Math.log10(s.ratioLow() / ratio) : Math.log10(ratio / s.ratioHigh());
                    out.add(new Anomaly(b, i, "update-ratio", ratio, decades, b));
                }
            }
            if (change != null && i < change.length && change[i] > 0 && Double.isFinite(change[i])) {
                double z = frame.z(Math.log(change[i]), s.changeZ());
                if (z >= s.changeZ()) {
                    out.add(new Anomaly(b, i, "frame-change", change[i], z, b));
                }
            }
            float[] sketch = r.sketch();
            double cos = previousSketch == null ? Double.NaN : cosine(previousSketch, sketch);
            previousSketch = sketch;
            if (cos < s.jitterCosine()) {
                if (jitterStart < 0) {
                    jitterStart = i;
                    jitterSum = 0;
                }
                jitterSum += cos;
            } else {
                closeJitter(steps, jitterStart, i, jitterSum, s, out);
                jitterStart = -1;
            }
        }
        closeJitter(steps, jitterStart, steps.size(), jitterSum, s, out);
        return out;
    }

    /** A jitter range from step index start (its cosine with the one before) to end, exclusive. */
    private static void closeJitter(List<StepRecord> steps, int start, int end, double sum, Settings s, List<Anomaly> out) {
        if (start < 0 || end - start < s.jitterLength()) {
            return;
        }
        int n = end - start;
        out.add(new Anomaly(steps.get(start - 1).step(), start - 1, "jitter", sum / n, n + 1, steps.get(end - 1).step()));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.length && k < b.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : Double.NaN;
    }

    /**
     * A moving mean and variance: plain over the warm-up, then exponential. Values that score as
     * spikes are not folded in.
     */
    private static final class Moving {
        private final Settings s;
        private int n;
        private double mean;
        private double var;

        Moving(Settings s) {
            this.s = s;
        }

        /** The z-score of x against what came before (0 during the warm-up); then learns x unless it spiked. */
        double z(double x, double threshold) {
            double z = 0;
            if (n >= s.warmup()) {
                double sd = Math.sqrt(Math.max(var, 1e-12));
                z = (x - mean) / sd;
                if (z >= threshold) {
                    return z;
                }
            }
            learn(x);
            return z;
        }

        private void learn(double x) {
            n++;
            if (n <= s.warmup()) {
                // Welford over the warm-up
                double d = x - mean;
                mean += d / n;
                var += (d * (x - mean) - var) / n;
            } else {
                double d = x - mean;
                mean += (1 - s.decay()) * d;
                var = s.decay() * (var + (1 - s.decay()) * d * d);
            }
        }
    }
}

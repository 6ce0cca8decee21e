package bloom.cli.console;

import bloom.film.Anomalies;
import bloom.film.Inspection;
import bloom.trace.Evaluation;
import bloom.trace.StepRecord;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A run's series drawn as lines of block characters, for {@code bloom inspect}. */
public final class Sparklines {

    private Sparklines() {}

    /** The batches of an inspection: a sparkline per series, the validation scores, then the flags as a table. */
    public static void print(PrintWriter out, Inspection.Result r) {
        List<StepRecord> s = r.steps();
        if (s.isEmpty()) {
            out.println("no batches recorded yet");
            return;
        }
        out.printf(Locale.ROOT, "%d batches, steps %d..%d%n", s.size(), s.get(0).step(), s.get(s.size() - 1).step());
        int width = Math.min(64, s.size());
        line(out, "loss", s, StepRecord::loss, false, width, r.anomalies());
        line(out, "grad norm", s, StepRecord::gradNorm, true, width, r.anomalies());
        line(out, "update norm", s, StepRecord::updateNorm, true, width, r.anomalies());
        line(out, "log10 ratio", s, x -> Math.log10(x.updateRatio()), false, width, r.anomalies());
        validation(out, r.evaluations(), width);
        events(out, r);
        if (r.anomalies().isEmpty()) {
            out.println("no anomalies above the thresholds");
            return;
        }
        out.printf(Locale.ROOT, "%-8s %-8s %-18s %12s %9s%n", "batch", "frame", "rule", "value", "score");
        for (Anomalies.Anomaly a : r.anomalies()) {
            out.printf(Locale.ROOT, "%-8s %-8d %-18s %12.4g %9.2f%n",
                    a.until() != a.batch() ? a.batch() + "-" + a.until() : Long.toString(a.batch()), a.frame(), a.rule(),
                    a.value(), a.score());
        }
    }

    /** The controls that took effect, beside the anomalies of the same batches. */
    private static void events(PrintWriter out, Inspection.Result r) {
        if (r.events().isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%d event%s (controls while training):%n", r.events().size(), r.events().size() == 1 ? "" : "s");
        for (bloom.trace.Event e : r.events()) {
            String flags = r.anomalies().stream().filter(a -> a.batch() == e.step() || a.batch() == e.step() + 1)
                    .map(a -> a.rule() + " at " + a.batch()).reduce((a, b) -> a + ", " + b).orElse("");
            out.printf(Locale.ROOT, "  %-8d %-14s %s%s%n", e.step(), e.kind().spelling(), Text.printable(e.text()),
                    flags.isEmpty() ? "" : "   [" + flags + "]");
        }
    }

    private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

    /** The validation BLEU measured during training: a sparkline from 0 to 100 and its first, best and last values. */
    private static void validation(PrintWriter out, List<Evaluation> evals, int width) {
        if (evals.isEmpty()) {
            out.printf(Locale.ROOT, "%-12s (not measured: train with --valid-every N)%n", "valid BLEU");
            return;
        }
        int cols = Math.min(width, evals.size());
        StringBuilder bars = new StringBuilder();
        for (int b = 0; b < cols; b++) {
            double v = evals.get((int) ((long) (b + 1) * evals.size() / cols) - 1).bleu();
            bars.append(Double.isFinite(v) ? BARS[(int) Math.min(BARS.length - 1, Math.max(0, v / 100 * BARS.length))] : '!');
        }
        Evaluation first = evals.get(0);
        Evaluation last = evals.get(evals.size() - 1);
        Evaluation best = evals.stream().max(Comparator.comparingDouble(Evaluation::bleu)).get();
        out.printf(Locale.ROOT, "%-12s %s  %.1f at batch %d -> %.1f at batch %d (best %.1f at %d; %d sentences, 0-100 scale)%n",
                "valid BLEU", bars, first.bleu(), first.step(), last.bleu(), last.step(), best.bleu(), best.step(), first.sentences());
    }

    /**
     * One series as a sparkline: each column is a bucket of batches drawn at its maximum (a spike
     * always shows), with a second row marking the buckets that hold a flagged batch.
     */
    private static void line(PrintWriter out, String name, List<StepRecord> s, ToDoubleFunction<StepRecord> f,
                             boolean log, int width, List<Anomalies.Anomaly> flags) {
        double[] max = new double[width];
        double[] min = new double[width];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        boolean[] nonFinite = new boolean[width];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            int b = (int) ((long) i * width / s.size());
            double v = f.applyAsDouble(s.get(i));
            if (!Double.isFinite(v)) {
                nonFinite[b] = true;
                continue;
            }
            double y = log ? Math.log10(Math.max(v, 1e-30)) : v;
            max[b] = Math.max(max[b], y);
            min[b] = Math.min(min[b], y);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double top = Double.NEGATIVE_INFINITY, bottom = Double.POSITIVE_INFINITY;
        for (int b = 0; b < width; b++) {
            if (Double.isFinite(max[b])) {
                top = Math.max(top, max[b]);
                bottom = Math.min(bottom, min[b]);
            }
        }
        StringBuilder bars = new StringBuilder();
        for (int b = 0; b < width; b++) {
            if (nonFinite[b]) {
                bars.append('!');
            } else if (!Double.isFinite(max[b])) {
                bars.append(' ');
            } else {
                double t = top > bottom ? (max[b] - bottom) / (top - bottom) : 0.5;
                bars.append(BARS[(int) Math.min(BARS.length - 1, Math.round(t * (BARS.length - 1)))]);
            }
        }
        out.printf(Locale.ROOT, "%-12s %s  %.3g..%.3g%s%n", name, bars, lo, hi, log ? " (log scale)" : "");
        if (name.equals("loss") && !flags.isEmpty()) {
            char[] marks = new char[width];
            Arrays.fill(marks, ' ');
            for (Anomalies.Anomaly a : flags) {
                marks[(int) (a.frame() * width / s.size())] = '^';
            }
            out.printf(Locale.ROOT, "%-12s %s%n", "flagged", new String(marks));
        }
    }
}

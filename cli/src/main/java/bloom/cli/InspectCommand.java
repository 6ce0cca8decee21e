package bloom.cli;

import bloom.film.Inspection;
import bloom.film.RunDirectory;
import bloom.film.Anomalies;
import bloom.trace.StepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Find the batches worth looking at in a run: exploding gradients, loss spikes, steps far from the "
                        + "healthy update:parameter ratio, sudden image changes, jitter.",
                "",
                "Reads RUN/trace.bin (and RUN/frames.json when the run was rendered), writes RUN/anomalies.json "
                        + "(batch, frame, rule, value, score per flag) and prints the flags with a sparkline of each "
                        + "series (each column keeps its bucket's minimum and maximum, so no spike is hidden).",
                ""},
        footer = {"", "Examples:",
                "  bloom inspect runs/run-20261123-101500",
                "  bloom inspect runs/exploded --grad-z 4 --loss-z 4"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "25",
            description = "Batches before spikes are judged (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--grad-z", paramLabel = "Z", defaultValue = "6",
            description = "Gradient-norm spike: z-score of log norm against its moving statistics (default: ${DEFAULT-VALUE}).")
    double gradZ;

    @Option(names = "--update-z", paramLabel = "Z", defaultValue = "6",
            description = "Update-norm spike, likewise (default: ${DEFAULT-VALUE}).")
    double updateZ;

    @Option(names = "--loss-z", paramLabel = "Z", defaultValue = "5",
            description = "Loss spike: z-score of log loss against its moving statistics (default: ${DEFAULT-VALUE}).")
    double lossZ;

    @Option(names = "--ratio-band", paramLabel = "LOW,HIGH", defaultValue = "1e-5,1e-1", split = ",",
            description = "Healthy update:parameter ratios; outside is flagged (default: ${DEFAULT-VALUE}).")
    double[] ratioBand;

    @Option(names = "--change-z", paramLabel = "Z", defaultValue = "8",
            description = "Frame-change spike: z-score of log image change (default: ${DEFAULT-VALUE}).")
    double changeZ;

    @Option(names = "--jitter-cosine", paramLabel = "C", defaultValue = "-0.2",
            description = "Consecutive steps with sketches at a cosine below C oppose each other (default: ${DEFAULT-VALUE}).")
    double jitterCosine;

    @Option(names = "--jitter-length", paramLabel = "N", defaultValue = "12",
            description = "Opposing steps in a row that make a jitter range (default: ${DEFAULT-VALUE}).")
    int jitterLength;

    @Override
    public Integer call() throws Exception {
        RunDirectory.requireRun(run);
        if (ratioBand.length != 2) {
            throw BloomException.usage("--ratio-band: expected LOW,HIGH, e.g. 1e-5,1e-1");
        }
        Anomalies.Settings settings;
        try {
            settings = new Anomalies.Settings(warmup, Anomalies.Settings.DEFAULT.decay(), gradZ, updateZ, lossZ,
                    ratioBand[0], ratioBand[1], changeZ, jitterCosine, jitterLength);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        Inspection.Result r = Inspection.analyse(run, settings, m -> RunCommand.log(spec.commandLine().getErr(), m));
        Inspection.write(run, r);
        PrintWriter out = spec.commandLine().getOut();
        print(out, r);
        out.flush();
        RunCommand.log(spec.commandLine().getErr(), r.anomalies().size() + " flag" + (r.anomalies().size() == 1 ? "" : "s")
                + " over " + r.steps().size() + " batches -> " + run.resolve(Inspection.ANOMALIES));
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, Inspection.Result r) {
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

    private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

    /** The validation BLEU measured during training: a sparkline from 0 to 100 and its first, best and last values. */
    private static void validation(PrintWriter out, List<bloom.trace.Evaluation> evals, int width) {
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
        bloom.trace.Evaluation first = evals.get(0);
        bloom.trace.Evaluation last = evals.get(evals.size() - 1);
        bloom.trace.Evaluation best = evals.stream().max(java.util.Comparator.comparingDouble(bloom.trace.Evaluation::bleu)).get();
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
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
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
            java.util.Arrays.fill(marks, ' ');
            for (Anomalies.Anomaly a : flags) {
                marks[(int) (a.frame() * width / s.size())] = '^';
            }
            out.printf(Locale.ROOT, "%-12s %s%n", "flagged", new String(marks));
        }
    }
}

package bloom.nmt.bench;

import bloom.hook.CountSketch;
import bloom.hook.StepRecorder;
import bloom.hook.TrainingHook;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * What the training hook costs a generated network of a given size: the same minibatches trained
 * with and without the hook, in alternating blocks so that drift in machine load hits both alike,
 * compared by their medians. The hook's own time inside its callbacks is timed too: a figure of
 * the inner loop, less noisy than the difference of two medians. Behind {@code bloom bench hook}.
 */
public final class HookRace {

    /**
     * Median seconds per minibatch without and with the hook, and the median of the hook's own
     * time per minibatch (inside its callbacks), over {@code batches} each.
     */
    public record Result(String model, long parameters, int batches, double withoutSeconds, double withSeconds,
                         double hookSeconds) {
        public double ratio() {
            return withSeconds / withoutSeconds;
        }

        /** The budget: 5% of the step, or 1 ms plus 1 ns per parameter, whichever is larger. */
        public double budgetSeconds() {
            return Math.max(0.05 * withoutSeconds, 1e-3 + 1e-9 * parameters);
        }

        /** Whether both measures of the hook's cost are within the budget. */
        public boolean withinBudget() {
            return withSeconds - withoutSeconds <= budgetSeconds() && hookSeconds <= budgetSeconds();
        }
    }

    private HookRace() {}

    /**
     * Runs the race on a generated model.
     *
     * @param progress hears the minibatches timed so far, of {@code 2 * batches}
     */
    public static Result run(GeneratedModel.Kind kind, long parameters, int batches, int block, int sketchDims,
                             int snapshotEvery, Consumer<String> log, LongConsumer progress) throws IOException {
        if (batches < block || block < 1) {
            throw new IllegalArgumentException("batches must be at least block, and block at least 1");
        }
        GeneratedModel m = GeneratedModel.create(kind, parameters, 7);
        log.accept(m.description() + "; warming up");
        Path dir = Files.createTempDirectory("bloom-bench-hook");
        try (TraceWriter trace = TraceWriter.create(dir.resolve("trace.bin"),
                new TraceHeader(sketchDims, 7, m.parameters(), m.description()))) {
            CountSketch sketch = new CountSketch(sketchDims, 7);
            Model net = m.network();
            StepRecorder recorder = null;
            Timed timed = null;
            if (net == null) {
                recorder = new StepRecorder(trace, sketch, m.translatorEmbeddings(), snapshotEvery, 0);
                recorder.epochStart();
            } else {
                timed = new Timed(new TrainingHook(trace, sketch, TrainingHook.parameter(m.embeddingKey()), snapshotEvery, 0));
            }
            int warm = 2 * block;
            for (int i = 0; i < warm; i++) {
                listen(net, i % 2 == 0 ? timed : null);
                step(m, i, timed, recorder, i % 2 == 0);
            }
            double[] without = new double[batches];
            double[] with = new double[batches];
            double[] hook = new double[batches];
            long done = 0;
            for (int start = 0; start < batches; start += block) {
                for (int pass = 0; pass < 2; pass++) {
                    boolean hooked = (pass == 0) == ((start / block) % 2 == 0);
                    listen(net, hooked ? timed : null);
                    for (int i = start; i < Math.min(batches, start + block); i++) {
                        long t0 = System.nanoTime();
                        double own = step(m, warm + i, timed, recorder, hooked);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        if (hooked) {
                            with[i] = seconds;
                            hook[i] = own;
                        } else {
                            without[i] = seconds;
                        }
                        progress.accept(++done);
                    }
                }
            }
            listen(net, null);
            return new Result(kind.label(), m.parameters(), batches, median(without), median(with), median(hook));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** One minibatch, hooked or not; returns the seconds the hook itself took. */
    private static double step(GeneratedModel m, int i, Timed timed, StepRecorder recorder, boolean hooked) {
        if (m.network() == null) {
            // the translator computes its norms while it trains; the hook sketches and records
            return m.fit(i, hooked ? recorder : null) / 1e9;
        }
        if (timed != null) {
            timed.nanos = 0;
        }
        m.fit(i, null);
        return hooked ? timed.nanos / 1e9 : 0;
    }

    private static void listen(Model net, TrainingListener l) {
        if (net instanceof MultiLayerNetwork m) {
            m.setListeners(l == null ? List.of() : List.of(l));
        } else if (net instanceof ComputationGraph g) {
            g.setListeners(l == null ? List.of() : List.of(l));
        }
    }

    /** The hook, with the time spent in its callbacks added up. */
    private static final class Timed extends BaseTrainingListener {
        private final TrainingHook hook;
        long nanos;

        Timed(TrainingHook hook) {
            this.hook = hook;
        }

        @Override
        public void onEpochStart(Model model) {
            long t0 = System.nanoTime();
            hook.onEpochStart(model);
            nanos += System.nanoTime() - t0;
        }

        @Override
        public void onEpochEnd(Model model) {
            long t0 = System.nanoTime();
            hook.onEpochEnd(model);
            nanos += System.nanoTime() - t0;
        }

        @Override
        public void onGradientCalculation(Model model) {
            long t0 = System.nanoTime();
            hook.onGradientCalculation(model);
            nanos += System.nanoTime() - t0;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            long t0 = System.nanoTime();
            hook.iterationDone(model, iteration, epoch);
            nanos += System.nanoTime() - t0;
        }
    }

    private static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        int n = f.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
    }
}

package bloom.film;

import bloom.trace.Evaluation;
import bloom.trace.StepRecord;
import bloom.trace.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The batches worth looking at in a run: {@link Anomalies} detected over its trace and, where it
 * was rendered, its frames' image changes. {@link #analyse} only computes; {@link #write} records
 * the flags in {@value #ANOMALIES}, for the commands whose job that is (inspect, run), so a report
 * or a contact sheet never replaces flags that were asked for with other thresholds.
 */
public final class Inspection {

    /** The flags' file in a run directory. */
    public static final String ANOMALIES = "anomalies.json";

    private Inspection() {}

    /** A run's batches, the image change into each (NaN where not rendered), the flags and the validation scores. */
    public record Result(List<StepRecord> steps, double[] change, List<Anomalies.Anomaly> anomalies,
                         List<Evaluation> evaluations, List<bloom.trace.Event> events) {}

    /** Detects over a run directory, silently. */
    public static Result analyse(Path run, Anomalies.Settings settings) throws IOException {
        return analyse(run, settings, m -> { });
    }

    /** Detects the anomalies of a run, telling {@code log} what reading the trace skipped. Writes nothing. */
    public static Result analyse(Path run, Anomalies.Settings settings, Consumer<String> log) throws IOException {
        Trace trace = RunDirectory.readTrace(run, log);
        List<StepRecord> steps = trace.steps();
        double[] change = changes(run, steps);
        List<Anomalies.Anomaly> found = Anomalies.detect(steps, change, settings);
        return new Result(steps, change, found, trace.evaluations(), trace.events());
    }

    /** Writes {@code r}'s flags to RUN/anomalies.json. */
    public static void write(Path run, Result r) throws IOException {
        List<Object> json = new ArrayList<>();
        for (Anomalies.Anomaly a : r.anomalies()) {
            json.add(a.toJson());
        }
        Json.write(run.resolve(ANOMALIES), json);
    }

    /** Image change into each step's frame, from the run's frames.json; NaN where not rendered. */
    static double[] changes(Path run, List<StepRecord> steps) throws IOException {
        double[] change = new double[steps.size()];
        Arrays.fill(change, Double.NaN);
        Path index = RenderJob.indexFor(run.resolve(RunDirectory.VIDEO));
        if (!Files.exists(index)) {
            return change;
        }
        Map<Long, Integer> at = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            at.put(steps.get(i).step(), i);
        }
        for (FrameEntry f : FrameEntry.read(index)) {
            Integer i = at.get(f.step());
            if (i != null && f.change() != null) {
                change[i] = f.change();
            }
        }
        return change;
    }
}

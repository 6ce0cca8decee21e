package bloom.spark;

import bloom.film.FilmException;
import bloom.film.Json;
import bloom.film.Progress;
import bloom.film.RenderJob;
import bloom.film.RenderRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spark driver's entry point: {@code SparkRenderMain REQUEST MASTER RESULT [JAR...]}, as
 * {@code bloom render RUN --spark MASTER} starts it in a JVM of its own (Spark's libraries never
 * meet the training's) or as {@code spark-submit --class bloom.spark.SparkRenderMain} runs it.
 * REQUEST is a {@link RenderRequest} file; RESULT receives the outcome as JSON, or the failure
 * (its kind and its one line). Progress goes to standard error as "bloom: " lines.
 */
public final class SparkRenderMain {

    private SparkRenderMain() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: SparkRenderMain REQUEST MASTER RESULT.json [EXECUTOR_JAR...]");
            System.exit(2);
        }
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        PrintStream err = System.err;
        Path result = Path.of(args[2]);
        Map<String, Object> out = new LinkedHashMap<>();
        int code = 0;
        try {
            RenderRequest request = RenderRequest.read(Path.of(args[0]));
            List<String> jars = Arrays.asList(args).subList(3, args.length);
            SparkRender.Outcome o = SparkRender.render(request, args[1], jars, lines(err));
            out.put("ok", true);
            describe(o, out);
        } catch (FilmException e) {
            out.put("ok", false);
            out.put("kind", e.kind().name());
            out.put("message", e.getMessage());
            code = 1;
        } catch (IOException | RuntimeException | Error e) {
            out.put("ok", false);
            out.put("kind", e instanceof IOException ? "IO" : "SOFTWARE");
            out.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
            if (Boolean.getBoolean("bloom.debug")) {
                e.printStackTrace(err);
            }
            code = 1;
        }
        try {
            Json.write(result, out);
        } catch (IOException e) {
            err.println("bloom: " + result + ": cannot write the result (" + e.getMessage() + ")");
            code = 1;
        }
        System.exit(code);
    }

    static void describe(SparkRender.Outcome o, Map<String, Object> out) {
        RenderJob.Result r = o.result();
        out.put("video", r.video().toString());
        out.put("index", r.index().toString());
        out.put("frames", r.frames());
        out.put("renderedNow", r.renderedNow());
        out.put("segments", o.segments());
        out.put("segmentsRendered", o.rendered());
        out.put("jobSeconds", o.jobSeconds());
        out.put("joinSeconds", o.joinSeconds());
        out.put("spearman", Json.finite(r.spearman()));
        out.put("failedAttempts", o.failedAttempts());
        out.put("speculativeAttempts", o.speculative());
        List<Object> tasks = new ArrayList<>();
        for (SegmentTask.Report t : o.tasks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", t.from());
            m.put("to", t.to());
            m.put("host", t.host());
            m.put("executor", t.executor());
            m.put("attempt", t.attempt());
            m.put("planSeconds", t.planSeconds());
            m.put("renderSeconds", t.renderSeconds());
            tasks.add(m);
        }
        out.put("tasks", tasks);
    }

    /** Lines on standard error; a bar is a line per step. */
    static Progress lines(PrintStream err) {
        return new Progress() {
            @Override
            public void log(String line) {
                err.println("bloom: " + line);
            }

            @Override
            public Bar bar(String label, long total, String unit) {
                long t0 = System.nanoTime();
                return new Bar() {
                    @Override
                    public void update(long done, String detail) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        err.println(String.format(Locale.ROOT, "bloom: %s: %d/%d %s (%.0f s)", label, done, total, unit, s));
                    }

                    @Override
                    public void finish(String detail) { }
                };
            }
        };
    }
}

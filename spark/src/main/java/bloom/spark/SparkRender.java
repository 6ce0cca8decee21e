package bloom.spark;

import bloom.film.FilmException;
import bloom.film.FramePlanner;
import bloom.film.Progress;
import bloom.film.RenderJob;
import bloom.film.RenderRequest;
import bloom.film.RunDirectory;
import bloom.flame.genome.Genome;
import bloom.flame.xml.FlameXml;
import bloom.trace.Trace;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a recorded run on Apache Spark. The driver plans the film, finds the segments not
 * finished yet (a resumed render does only those), hands one task per segment to Spark, and
 * when every task has put its verified segment into place joins them without re-encoding and
 * writes the frame index, exactly as a local render does: same frames, pixel for pixel, at the
 * same threads per task.
 *
 * <p>Spark's own settings come from {@code spark.*} system properties ({@link SparkConf} reads
 * them): {@code -Dspark.speculation=true}, {@code -Dspark.executor.memory=8g}, ...
 */
public final class SparkRender {

    /**
     * What the render did.
     *
     * @param result      the film, as a local render reports it
     * @param segments    segments of the whole film
     * @param rendered    segments rendered now (the others were finished before)
     * @param tasks       what each task reported, attempts that failed not included
     * @param jobSeconds  wall time of the Spark job (context start to last task), without the join
     * @param joinSeconds wall time of joining the segments and writing the index
     * @param failedAttempts task attempts that failed or were lost with their executor (and ran again)
     * @param speculative   task attempts Spark started speculatively beside a slow one
     */
    public record Outcome(RenderJob.Result result, int segments, int rendered, List<SegmentTask.Report> tasks,
                          double jobSeconds, double joinSeconds, int failedAttempts, int speculative) {}

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

    private SparkRender() {}

    /**
     * Renders {@code request} on {@code master} ({@code local[N]} or {@code spark://host:port}).
     *
     * @param jars the jar(s) executors load Bloom's classes from (the render-only jar); empty in local mode
     */
    public static Outcome render(RenderRequest request, String master, List<String> jars, Progress progress) throws IOException {
        checkMaster(master, request.settings().threads());
        Path run = RunDirectory.requireRun(Path.of(request.run()));
        Trace trace = RunDirectory.readTrace(run, progress::log);
        Genome base = FlameXml.parse(new ByteArrayInputStream(request.genomeXml().getBytes(StandardCharsets.UTF_8)),
                "base genome").get(0);
        FramePlanner plan = new FramePlanner(trace, base, request.settings());
        RenderJob job = new RenderJob(run, request.settings(), Path.of(request.output()), null);
        List<RenderJob.Segment> missing = job.missingSegments(plan, progress);
        int total = (plan.frames() + request.settings().segmentFrames() - 1) / request.settings().segmentFrames();
        List<SegmentTask.Report> reports = List.of();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger speculative = new AtomicInteger();
        long t0 = System.nanoTime();
        if (!missing.isEmpty()) {
            progress.log(String.format(Locale.ROOT, "rendering %d of %d segments (%d frames each) on %s",
                    missing.size(), total, request.settings().segmentFrames(), master)
                    + (missing.size() < total ? "; the others were finished before" : ""));
            SparkConf conf = new SparkConf()
                    .setMaster(master)
                    .setAppName("bloom render " + run.toAbsolutePath().normalize().getFileName())
                    .setIfMissing("spark.ui.enabled", "false")
                    .setIfMissing("spark.task.maxFailures", "8")
                    .set("spark.task.cpus", Integer.toString(request.settings().threads()));
            if (master.startsWith("local")) {
                conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
            if (!jars.isEmpty()) {
                conf.setJars(jars.toArray(new String[0]));
            }
            SegmentTask task = new SegmentTask(run.toAbsolutePath().toString(), job.segmentsDir().toAbsolutePath().toString(),
                    request.settings(), request.genomeXml(), request.device());
            Progress.Bar bar = progress.bar("rendering on Spark", missing.size(), "segments");
            AtomicInteger done = new AtomicInteger();
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        if (end.taskInfo().speculative()) {
                            speculative.incrementAndGet();
                        }
                        if (end.taskInfo().successful()) {
                            bar.update(done.incrementAndGet(), "");
                        } else if (!(end.reason() instanceof org.apache.spark.TaskKilled)) { // killed: its twin finished first
                            failed.incrementAndGet();
                            String why = end.reason() instanceof org.apache.spark.TaskFailedReason f
                                    ? f.toErrorString().lines().findFirst().orElse("") : String.valueOf(end.reason());
                            progress.log("the task for segment " + end.taskInfo().index() + " failed on executor "
                                    + end.taskInfo().executorId() + " (" + why + "); Spark runs it again");
                        }
                    }
                });
                reports = sc.parallelize(missing, missing.size()).map(task).collect();
            } catch (RuntimeException e) {
                throw failure(e);
            }
            bar.finish("");
        }
        double jobSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int frames = 0;
        for (RenderJob.Segment s : missing) {
            frames += s.frames();
        }
        RenderJob.Result result = job.joinSegments(plan, frames, jobSeconds, progress);
        return new Outcome(result, total, missing.size(), reports, jobSeconds, (System.nanoTime() - t1) / 1e9,
                failed.get(), speculative.get());
    }

    /** A master Spark can use, and in local mode enough cores for one task's threads. */
    static void checkMaster(String master, int threads) {
        Matcher m = LOCAL.matcher(master);
        if (master.equals("local")) {
            if (threads > 1) {
                throw FilmException.usage("--spark local runs one core; tasks of --threads " + threads + " need local[" + threads + "] or more");
            }
        } else if (m.matches()) {
            int cores = m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
            if (cores < 1) {
                throw FilmException.usage("--spark " + master + ": expected at least one core");
            }
            if (threads > cores) {
                throw FilmException.usage("--spark " + master + ": " + cores + " core" + (cores == 1 ? "" : "s")
                        + " cannot run a task of --threads " + threads + "; lower --threads or give local more cores");
            }
        } else if (!master.startsWith("spark://") || master.length() <= "spark://".length()) {
            throw FilmException.usage("--spark " + master + ": expected local[N] or spark://HOST:PORT (a standalone cluster's master)");
        }
    }

    /** A job failure as one line: the task's own exception when Spark passed it on. */
    private static RuntimeException failure(RuntimeException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // Spark's message: "Job aborted due to stage failure: Task 3 in stage 0.0 failed 8 times, most recent failure: ...: java.lang.X: reason\n\tat ..."
        String first = m.lines().findFirst().orElse(m);
        return new FilmException(FilmException.Kind.IO, "the Spark job failed: " + first, e);
    }
}

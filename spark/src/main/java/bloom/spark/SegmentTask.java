package bloom.spark;

import bloom.film.FramePlanner;
import bloom.film.RenderJob;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import bloom.flame.genome.Genome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Renderer;
import bloom.flame.render.RendererProvider;
import bloom.flame.render.Renderers;
import bloom.flame.xml.FlameXml;
import bloom.trace.Trace;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One Spark task: renders one segment of a run into the run's segments directory, which every
 * worker reaches by the same path. The trace is read from the run directory (once per executor
 * and run); the base genome travels with the task as flam3 XML. Safe to retry and to run
 * speculatively twice: the segment is written under a name of its own and renamed into place.
 */
final class SegmentTask implements Function<RenderJob.Segment, SegmentTask.Report> {
    private static final long serialVersionUID = 1L;

    /** What one task did, for the driver's figures. */
    record Report(int from, int to, String host, String executor, int attempt, double planSeconds, double renderSeconds)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final String run;
    private final String segments;
    private final RenderSettings settings;
    private final String genomeXml;
    private final String device;

    SegmentTask(String run, String segments, RenderSettings settings, String genomeXml, String device) {
        this.run = run;
        this.segments = segments;
        this.settings = settings;
        this.genomeXml = genomeXml;
        this.device = device;
    }

    @Override
    public Report call(RenderJob.Segment s) throws IOException {
        long t0 = System.nanoTime();
        Genome base = FlameXml.parse(new java.io.ByteArrayInputStream(genomeXml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "base genome").get(0);
        FramePlanner plan = new FramePlanner(trace(run), base, settings);
        long t1 = System.nanoTime();
        Renderer renderer = renderer(device);
        try {
            Path pngs = settings.png() ? Path.of(run).resolve("frames") : null;
            RenderJob.renderSegment(plan, s.from(), s.to(), Path.of(segments), pngs, settings, renderer);
        } finally {
            if (renderer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the executor frees what is left
                }
            }
        }
        long t2 = System.nanoTime();
        TaskContext tc = TaskContext.get();
        String executor = org.apache.spark.SparkEnv.get() == null ? "?" : org.apache.spark.SparkEnv.get().executorId();
        return new Report(s.from(), s.to(), InetAddress.getLocalHost().getHostName(), executor,
                tc == null ? 0 : tc.attemptNumber(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static String cachedRun;
    private static Trace cachedTrace;

    /** The run's trace, read once per executor and run (tasks of one executor share it; it is immutable). */
    private static synchronized Trace trace(String run) throws IOException {
        if (!run.equals(cachedRun)) {
            cachedTrace = RunDirectory.readTrace(Path.of(run), line -> { });
            cachedRun = run;
        }
        return cachedTrace;
    }

    /** The backend asked for, on this worker: the CPU, or the GPU through the renderer registry where there is one. */
    static Renderer renderer(String device) {
        if (device.equals("cpu")) {
            return new CpuRenderer();
        }
        Optional<RendererProvider> cuda = Renderers.find("cuda").filter(p -> p.probe().available());
        if (cuda.isPresent()) {
            return cuda.get().open();
        }
        if (device.equals("cuda")) {
            throw new IllegalStateException("--device cuda: this worker has no usable GPU ("
                    + Renderers.find("cuda").map(p -> p.probe().detail()).orElse("no CUDA backend on its class path") + ")");
        }
        return new CpuRenderer();
    }
}

package bloom.spark;

import bloom.film.FrameEntry;
import bloom.film.Genomes;
import bloom.film.Progress;
import bloom.film.RenderJob;
import bloom.film.RenderRequest;
import bloom.film.RenderSettings;
import bloom.film.Size;
import bloom.film.SyntheticRuns;
import bloom.flame.fold.FoldSettings;
import bloom.flame.render.CpuRenderer;
import bloom.flame.xml.FlameXml;
import bloom.palette.PaletteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A render through a real standalone cluster (a master and two workers on this machine, started
 * from the Maven artifacts), with one executor killed mid-job: the job still finishes, every
 * frame is in the film exactly once, and the film is the local render's, pixel for pixel.
 */
class StandaloneClusterIT {

    private static final int FRAMES = 48;
    private static final int SEGMENT = 4;

    @TempDir
    Path tmp;

    @Test
    void aKilledExecutorCostsNoFrame() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        SyntheticRuns.trace(run, FRAMES, 20);
        // big enough frames that a segment takes a while, so the kill lands while tasks run
        RenderSettings s = new RenderSettings("star", 0, new Size(192, 108), 60, 1, 25, 1, 23, false,
                PaletteOptions.defaults(3), FoldSettings.defaults(3), SEGMENT, 7);
        Path video = run.resolve("cluster.mp4");
        RenderRequest request = new RenderRequest(run.toString(), video.toString(), s,
                FlameXml.toXml(Genomes.load("star", 0)), "cpu");
        Path segments = run.resolve("cluster.segments");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp, 2, 1)) {
            AtomicReference<String> killed = new AtomicReference<>();
            AtomicBoolean over = new AtomicBoolean();
            Thread killer = new Thread(() -> {
                try {
                    while (!over.get() && killed.get() == null) {
                        List<ProcessHandle> ex = StandaloneCluster.executors();
                        if (ex.size() == 2 && finishedSegments(segments) >= 2) {
                            ProcessHandle victim = ex.get(0);
                            victim.destroyForcibly(); // SIGKILL: the executor dies mid-task
                            killed.set("pid " + victim.pid() + " after " + finishedSegments(segments) + " segments");
                        }
                        Thread.sleep(50);
                    }
                } catch (InterruptedException | IOException e) {
                    killed.compareAndSet(null, "killer failed: " + e);
                }
            });
            killer.start();
            SparkRender.Outcome o;
            try {
                o = SparkRender.render(request, cluster.master, List.of(StandaloneCluster.RENDER_JAR.toString()),
                        Progress.lines(log::add));
            } finally {
                over.set(true);
                killer.join();
            }
            assertTrue(killed.get() != null && killed.get().startsWith("pid"), "an executor was killed mid-job: " + killed.get());
            assertTrue(o.failedAttempts() >= 1, "the killed executor's task ran again: " + log);
            assertTrue(log.stream().anyMatch(l -> l.contains("failed on executor")), log.toString());
            assertEquals(FRAMES / SEGMENT, o.tasks().size());
            assertEquals(FRAMES, o.result().frames());
        }
        // every frame exactly once, in order, in the index and in the video
        List<FrameEntry> index = FrameEntry.read(run.resolve("cluster.frames.json"));
        assertEquals(FRAMES, index.size());
        for (int f = 0; f < FRAMES; f++) {
            assertEquals(f, index.get(f).frame());
            assertEquals(f + 1, index.get(f).step());
        }
        List<int[]> clusterFrames = SyntheticRuns.decode(video);
        assertEquals(FRAMES, clusterFrames.size());
        // and the same film as a local render with the same threads per task
        RenderJob.Result local = new RenderJob(run, s, run.resolve("local.mp4"), new CpuRenderer()).run(Progress.SILENT);
        List<int[]> localFrames = SyntheticRuns.decode(local.video());
        for (int f = 0; f < FRAMES; f++) {
            assertArrayEquals(localFrames.get(f), clusterFrames.get(f), "frame " + f);
        }
        assertEquals(FrameEntry.read(local.index()), index);
    }

    private static long finishedSegments(Path segments) throws IOException {
        if (!Files.isDirectory(segments)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(segments)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{6}-\\d{6}\\.mp4")).count();
        }
    }
}

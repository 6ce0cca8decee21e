package bloom.spark;

import bloom.film.FilmException;
import bloom.film.FrameEntry;
import bloom.film.Genomes;
import bloom.film.Progress;
import bloom.film.RenderJob;
import bloom.film.RenderRequest;
import bloom.film.RenderSettings;
import bloom.film.SyntheticRuns;
import bloom.flame.render.CpuRenderer;
import bloom.flame.xml.FlameXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A render on Spark in local mode is the local render: same frames, pixel for pixel, same index. */
class SparkRenderTest {

    private static final int FRAMES = 46;
    private static final int SEGMENT = 8; // 6 segments, the last short

    @TempDir
    Path run;

    private static RenderRequest request(Path run, Path video, RenderSettings s) {
        return new RenderRequest(run.toString(), video.toString(), s, FlameXml.toXml(Genomes.load(s.genome(), s.genomeIndex())), "cpu");
    }

    @Test
    void aLocal2RenderIsTheLocalRenderFrameForFrame() throws IOException {
        SyntheticRuns.trace(run, FRAMES, 17);
        RenderSettings s = SyntheticRuns.settings(SEGMENT, false, 1);
        RenderJob.Result local = new RenderJob(run, s, run.resolve("local.mp4"), new CpuRenderer()).run(Progress.SILENT);
        SparkRender.Outcome spark = SparkRender.render(request(run, run.resolve("spark.mp4"), s), "local[2]", List.of(), Progress.SILENT);

        assertEquals(FRAMES, local.frames());
        assertEquals(FRAMES, spark.result().frames());
        assertEquals(6, spark.segments());
        assertEquals(6, spark.rendered());
        assertEquals(6, spark.tasks().size());
        List<int[]> a = SyntheticRuns.decode(run.resolve("local.mp4"));
        List<int[]> b = SyntheticRuns.decode(run.resolve("spark.mp4"));
        assertEquals(FRAMES, a.size());
        assertEquals(FRAMES, b.size());
        for (int f = 0; f < FRAMES; f++) {
            assertArrayEquals(a.get(f), b.get(f), "frame " + f);
        }
        assertEquals(FrameEntry.read(run.resolve("local.frames.json")), FrameEntry.read(run.resolve("spark.frames.json")));
        assertEquals(local.spearman(), spark.result().spearman());
        assertFalse(Files.exists(run.resolve("spark.segments")), "the segments are removed once joined");
    }

    /** An interrupted cluster render resumes with only the missing segments; a damaged one is rendered again. */
    @Test
    void aResumedRenderDoesOnlyTheMissingSegments() throws IOException {
        SyntheticRuns.trace(run, FRAMES, -1);
        RenderSettings s = SyntheticRuns.settings(SEGMENT, false, 1);
        Path video = run.resolve("spark.mp4");
        Path segments = run.resolve("spark.segments");
        // what a killed job leaves: two finished segments, one damaged, a partial attempt
        RenderJob job = new RenderJob(run, s, video, new CpuRenderer());
        bloom.film.FramePlanner plan = new bloom.film.FramePlanner(bloom.trace.Trace.read(run.resolve("trace.bin")),
                Genomes.load("star", 0), s);
        RenderJob.renderSegment(plan, 0, 7, segments, null, s, new CpuRenderer());
        RenderJob.renderSegment(plan, 24, 31, segments, null, s, new CpuRenderer());
        RenderJob.renderSegment(plan, 32, 39, segments, null, s, new CpuRenderer());
        Files.write(segments.resolve("000032-000039.mp4"), new byte[100]);
        Files.write(segments.resolve("000008.part-0123.mp4"), new byte[10]);
        List<String> log = new ArrayList<>();
        assertEquals(4, job.missingSegments(plan, Progress.lines(log::add)).size());
        assertTrue(log.stream().anyMatch(l -> l.contains("000032-000039.mp4")), log.toString());

        SparkRender.Outcome o = SparkRender.render(request(run, video, s), "local[2]", List.of(), Progress.SILENT);
        assertEquals(4, o.rendered(), "0-7 and 24-31 were finished");
        assertEquals(FRAMES, o.result().frames());
        List<FrameEntry> index = FrameEntry.read(run.resolve("spark.frames.json"));
        assertEquals(FRAMES, index.size());
        for (int f = 0; f < FRAMES; f++) {
            assertEquals(f, index.get(f).frame(), "every frame once, in order");
        }
        assertEquals(FRAMES, SyntheticRuns.decode(video).size());

        RenderJob.Result local = new RenderJob(run, s, run.resolve("local.mp4"), new CpuRenderer()).run(Progress.SILENT);
        assertEquals(FrameEntry.read(local.index()), index);
    }

    /** Two attempts of one task at once (speculation) leave one segment, the same either way. */
    @Test
    void twoAttemptsOfASegmentLeaveOne() throws Exception {
        SyntheticRuns.trace(run, 16, -1);
        RenderSettings s = SyntheticRuns.settings(SEGMENT, false, 1);
        bloom.film.FramePlanner p1 = new bloom.film.FramePlanner(bloom.trace.Trace.read(run.resolve("trace.bin")),
                Genomes.load("star", 0), s);
        bloom.film.FramePlanner p2 = new bloom.film.FramePlanner(bloom.trace.Trace.read(run.resolve("trace.bin")),
                Genomes.load("star", 0), s);
        Path segments = run.resolve("x.segments");
        Thread t = new Thread(() -> {
            try {
                RenderJob.renderSegment(p1, 8, 15, segments, null, s, new CpuRenderer());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        RenderJob.renderSegment(p2, 8, 15, segments, null, s, new CpuRenderer());
        t.join();
        try (Stream<Path> files = Files.list(segments)) {
            assertEquals(List.of("000008-000015.json", "000008-000015.mp4"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(8, FrameEntry.read(segments.resolve("000008-000015.json")).size());
    }

    @Test
    void aMasterThatCannotRunATaskIsRefusedInOneLine() {
        assertEquals(FilmException.Kind.USAGE, assertThrows(FilmException.class,
                () -> SparkRender.checkMaster("local[1]", 2)).kind());
        assertTrue(assertThrows(FilmException.class, () -> SparkRender.checkMaster("yarn", 1)).getMessage()
                .contains("expected local[N] or spark://HOST:PORT"));
        SparkRender.checkMaster("local[2]", 2);
        SparkRender.checkMaster("spark://127.0.0.1:7077", 4);
    }
}

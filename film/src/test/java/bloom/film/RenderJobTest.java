package bloom.film;

import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rendering from traces written here, without training: resumption and non-finite steps. */
class RenderJobTest {

    @TempDir
    Path run;

    private void trace(int steps, int nanAt) throws IOException {
        SyntheticRuns.trace(run, steps, nanAt);
    }

    private static RenderSettings settings(int segmentFrames) {
        return settings(segmentFrames, false);
    }

    private static RenderSettings settings(int segmentFrames, boolean png) {
        return SyntheticRuns.settings(segmentFrames, png, 2);
    }

    /** Counts frames and fails on demand, like a process killed in the middle of a render. */
    private static class Flaky implements Renderer {
        final AtomicInteger calls = new AtomicInteger();
        final int failAt;

        Flaky(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Image render(CompiledGenome genome, RenderSpec spec, Progress progress) {
            if (calls.incrementAndGet() == failAt) {
                throw new IllegalStateException("killed");
            }
            return new CpuRenderer().render(genome, spec, progress);
        }

        @Override
        public Image renderBlurred(java.util.List<CompiledGenome> instants, RenderSpec spec, Progress progress) {
            return render(instants.get(0), spec, progress);
        }

        @Override
        public String describe() {
            return "flaky";
        }
    }

    @Test
    void writesOneFramePerStepWithItsIndex() throws IOException {
        trace(30, -1);
        RenderJob.Result r = new RenderJob(run, settings(12), run.resolve("run.mp4"), new CpuRenderer()).run(Progress.SILENT);
        assertEquals(30, r.frames());
        Mp4Encoder.Probe p = Mp4Encoder.probe(run.resolve("run.mp4"));
        assertEquals("h264", p.codec());
        assertEquals("yuv420p", p.pixelFormat());
        assertEquals(30, p.frames());
        assertEquals(96, p.width());
        JsonNode index = Json.read(run.resolve("frames.json"));
        assertEquals(30, index.size());
        for (String field : new String[] {"frame", "step", "epoch", "loss", "gradNorm", "updateNorm", "updateRatio", "change", "genome"}) {
            assertTrue(index.get(5).has(field), field);
        }
        assertEquals(6, index.get(5).get("step").asInt());
        assertFalse(Files.exists(run.resolve("run.segments")), "segments are removed once joined");
        assertTrue(r.spearman() > 0.5, "frame change follows the step size: " + r.spearman());
        assertTrue(r.colourfulnessLast() > r.colourfulnessFirst());
    }

    @Test
    void aKilledRenderResumesWithoutRenderingFinishedSegmentsAgain() throws IOException {
        trace(30, -1);
        Path video = run.resolve("run.mp4");
        Flaky first = new Flaky(25);
        assertThrows(IllegalStateException.class, () -> new RenderJob(run, settings(10), video, first).run(Progress.SILENT));
        assertFalse(Files.exists(video));

        Flaky second = new Flaky(-1);
        RenderJob.Result r = new RenderJob(run, settings(10), video, second).run(Progress.SILENT);
        assertEquals(10, r.renderedNow(), "segments 0-9 and 10-19 were finished; only 20-29 is rendered");
        assertEquals(11, second.calls.get(), "plus frame 19 once more, to measure frame 20's change");
        assertEquals(30, Mp4Encoder.probe(video).frames());
        JsonNode index = Json.read(run.resolve("frames.json"));
        assertEquals(30, index.size());
        assertTrue(index.get(20).get("change").isNumber());
    }

    /**
     * A finished segment that was damaged (here truncated to 0 bytes, as a full disk or a copy
     * can leave it) is found on resume and rendered again with everything after it; the video
     * ends with every frame, not with the frames before the damage.
     */
    @ParameterizedTest
    @ValueSource(strings = {"empty", "cut", "index"})
    void aDamagedFinishedSegmentIsRenderedAgainOnResume(String damage) throws IOException {
        trace(30, -1);
        Path video = run.resolve("run.mp4");
        assertThrows(IllegalStateException.class, () -> new RenderJob(run, settings(10), video, new Flaky(25)).run(Progress.SILENT));
        Path segment = run.resolve("run.segments/000000-000009.mp4");
        switch (damage) {
            case "empty" -> Files.write(segment, new byte[0]);
            case "cut" -> Files.write(segment, java.util.Arrays.copyOf(Files.readAllBytes(segment), (int) Files.size(segment) / 2));
            default -> Files.writeString(run.resolve("run.segments/000000-000009.json"), "[]");
        }
        List<String> log = new ArrayList<>();
        Flaky second = new Flaky(-1);
        RenderJob.Result r = new RenderJob(run, settings(10), video, second).run(Progress.lines(log::add));
        assertEquals(30, r.renderedNow(), "every segment from the damaged one on is rendered again");
        assertEquals(30, Mp4Encoder.probe(video).frames());
        assertEquals(30, Json.read(run.resolve("frames.json")).size());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("segment 000000-000009.mp4 ")
                && l.endsWith(": frames from 0 on are rendered again")), log.toString());
    }

    /** A segment damaged after it was finished, before the join, is caught by the join and rendered again. */
    @Test
    void theJoinVerifiesEverySegment() throws IOException {
        trace(30, -1);
        Path video = run.resolve("run.mp4");
        Path segment = run.resolve("run.segments/000010-000019.mp4");
        Renderer damaging = new Flaky(-1) {
            @Override
            public Image render(CompiledGenome genome, RenderSpec spec, Progress progress) {
                if (calls.get() == 29) { // rendering the last frame: segment 10-19 is long finished
                    try {
                        Files.write(segment, new byte[0]);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return super.render(genome, spec, progress);
            }
        };
        List<String> log = new ArrayList<>();
        RenderJob.Result r = new RenderJob(run, settings(10), video, damaging).run(Progress.lines(log::add));
        assertEquals(30, Mp4Encoder.probe(video).frames());
        assertEquals(30, r.frames());
        assertEquals(30, Json.read(run.resolve("frames.json")).size());
        assertTrue(log.contains("rendering frames 10 to 29 again"), log.toString());
    }

    @Test
    void writesPngFramesWhenAsked() throws IOException {
        trace(6, -1);
        new RenderJob(run, settings(50, true), run.resolve("run.mp4"), new CpuRenderer()).run(Progress.SILENT);
        for (int f = 0; f < 6; f++) {
            Path png = run.resolve(String.format("frames/%06d.png", f));
            assertEquals(96, javax.imageio.ImageIO.read(png.toFile()).getWidth(), png.toString());
        }
    }

    /** An exploded step is recorded as such and rendered like any other frame, never a crash. */
    @Test
    void nonFiniteStepsRender() throws IOException {
        trace(12, 6);
        RenderJob.Result r = new RenderJob(run, settings(50), run.resolve("run.mp4"), new CpuRenderer()).run(Progress.SILENT);
        assertEquals(12, r.frames());
        JsonNode frame = Json.read(run.resolve("frames.json")).get(5);
        assertFalse(frame.get("finite").asBoolean());
        assertTrue(frame.get("loss").isNull(), "JSON has no NaN: " + frame);
    }
}

package bloom.cli;

import bloom.film.Inspection;
import bloom.film.Json;
import bloom.film.Mp4Encoder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 'bloom run' for real on a small synthetic corpus: training, hook, trace, palettes, folding,
 * rendering and video, then the commands that work on the finished run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEndToEndTest {

    private static final int BATCHES = 60;

    @TempDir
    static Path tmp;

    private Path run;
    private Cli result;

    @BeforeAll
    void trainAndRender() {
        run = tmp.resolve("run");
        result = Cli.run("run", "--out", run.toString(), "--batches", "" + BATCHES, "--train-pairs", "3000",
                "--test-pairs", "40", "--size", "128x72", "--quality", "6", "--snapshot-every", "5",
                "--segment-frames", "25", "--threads", "2");
    }

    @Test
    void producesAPlayableVideoWithOneFramePerBatch() throws IOException {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(run.resolve("run.mp4").toString(), result.out().trim());
        Mp4Encoder.Probe p = Mp4Encoder.probe(run.resolve("run.mp4"));
        assertEquals("h264", p.codec());
        assertEquals("yuv420p", p.pixelFormat());
        assertEquals(BATCHES, p.frames());
        assertEquals(25.0, p.fps(), 0.01);
        JsonNode frames = Json.read(run.resolve("frames.json"));
        assertEquals(BATCHES, frames.size());
        assertEquals(BATCHES, frames.get(BATCHES - 1).get("step").asInt());
        for (String f : new String[] {"config.properties", "trace.bin", "bpe.codes", "vocab.source.txt",
                "vocab.target.txt", "translations.tsv", "training.json", "summary.json"}) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        assertTrue(Files.readString(run.resolve("config.properties")).contains("batches = " + BATCHES));
    }

    /**
     * 'bloom render --spark local[2]' starts the Spark driver in a JVM of its own, renders a task
     * per segment and gives the film a local render gives: every frame decoded equal, pixel for
     * pixel, and the same frame index.
     */
    @Test
    void aSparkRenderIsTheLocalFilm() throws IOException {
        assertEquals(0, result.exitCode(), result.toString());
        Path local = run.resolve("local-1t.mp4");
        Path spark = run.resolve("spark-1t.mp4");
        Cli a = Cli.run("render", run.toString(), "-o", local.toString(), "--threads", "1", "--device", "cpu");
        assertEquals(0, a.exitCode(), a.toString());
        Cli b = Cli.run("render", run.toString(), "-o", spark.toString(), "--threads", "1", "--device", "cpu",
                "--spark", "local[2]");
        assertEquals(0, b.exitCode(), b.toString());
        assertEquals(spark.toString(), b.out().trim());
        assertTrue(b.err().contains("rendering 3 of 3 segments (25 frames each) on local[2]"), b.err());
        java.util.List<int[]> x = bloom.film.SyntheticRuns.decode(local);
        java.util.List<int[]> y = bloom.film.SyntheticRuns.decode(spark);
        assertEquals(BATCHES, x.size());
        assertEquals(BATCHES, y.size());
        for (int f = 0; f < BATCHES; f++) {
            assertArrayEquals(x.get(f), y.get(f), "frame " + f);
        }
        assertEquals(Json.read(run.resolve("local-1t.frames.json")), Json.read(run.resolve("spark-1t.frames.json")));
        Cli bad = Cli.run("render", run.toString(), "-o", run.resolve("x.mp4").toString(), "--threads", "2",
                "--spark", "local[1]");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.error().contains("--spark local[1]: 1 core cannot run a task of --threads 2"), bad.err());
    }

    /**
     * On a real run the frames change as much as the optimizer steps: Spearman >= 0.5 between update
     * norm and frame change, on 'bloom run' itself (training and rendering in one process, the
     * frames planned as the records arrive). Plain SGD here; FoldAcrossModelsTest holds the same
     * on 400 minibatches of an MLP, a CNN and the translator with Adam, the README gives the default
     * Adam film's figure, and StepFolderTest and StepScaleTest pin the mechanism.
     */
    @Test
    void frameChangeFollowsStepSize(@TempDir Path dir) throws IOException {
        Cli c = Cli.run("run", "--out", dir.toString(), "--batches", "" + BATCHES, "--train-pairs", "3000",
                "--test-pairs", "40", "--size", "128x72", "--quality", "6", "--snapshot-every", "5",
                "--segment-frames", "25", "--threads", "2", "--optimizer", "sgd", "--valid-every", "0");
        assertEquals(0, c.exitCode(), c.toString());
        JsonNode s = Json.read(dir.resolve("summary.json"));
        assertTrue(s.get("frameChangeSpearman").asDouble() >= 0.5, "Spearman " + s.get("frameChangeSpearman"));
    }

    /**
     * One flipped byte in the middle of trace.bin costs one minibatch, said so with its offset and
     * step, and the count training.json records is checked: render and inspect read everything else.
     */
    @Test
    void aFlippedByteInTheTraceCostsOneMinibatchAndIsReported(@TempDir Path copy) throws IOException {
        Path damaged = copy.resolve("run");
        Files.createDirectories(damaged);
        for (String f : new String[] {"config.properties", "trace.bin", "training.json"}) {
            Files.copy(run.resolve(f), damaged.resolve(f));
        }
        byte[] b = Files.readAllBytes(damaged.resolve("trace.bin"));
        b[b.length / 2] ^= 0x20;
        Files.write(damaged.resolve("trace.bin"), b);
        Cli r = Cli.run("render", damaged.toString(), "--size", "64x36", "--quality", "2", "--threads", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().matches("(?s).*trace\\.bin: damaged record at byte \\d+ \\((after )?step \\d+\\), \\d+ bytes: skipped.*"),
                r.err());
        int frames = Json.read(damaged.resolve("frames.json")).size();
        assertTrue(frames >= BATCHES - 1 && frames <= BATCHES, frames + " frames");
        if (frames < BATCHES) {
            assertTrue(r.err().contains("holds " + frames + " of the " + BATCHES + " minibatches training.json records"), r.err());
        }
        Cli i = Cli.run("inspect", damaged.toString());
        assertEquals(0, i.exitCode(), i.toString());
        assertTrue(i.err().contains("damaged record at byte"), i.err());
    }

    /** Only the command that is asked to flag writes anomalies.json: report and contact sheet leave inspect's flags alone. */
    @Test
    void reportAndContactSheetLeaveInspectsFlagsAlone(@TempDir Path copy) throws IOException {
        Path r = copy.resolve("run");
        Files.createDirectories(r);
        for (String f : new String[] {"config.properties", "trace.bin", "training.json", "frames.json", "run.mp4"}) {
            Files.copy(run.resolve(f), r.resolve(f));
        }
        Cli i = Cli.run("inspect", r.toString(), "--grad-z", "0.5", "--update-z", "0.5", "--warmup", "5");
        assertEquals(0, i.exitCode(), i.toString());
        byte[] flags = Files.readAllBytes(r.resolve(Inspection.ANOMALIES));
        assertTrue(Json.read(r.resolve(Inspection.ANOMALIES)).size() > 0, "these thresholds flag something");
        assertEquals(0, Cli.run("report", r.toString(), "--thumbnail", "32").exitCode());
        assertEquals(0, Cli.run("contact-sheet", r.toString(), "--count", "2", "--tile", "32x18", "--tile-quality", "1",
                "--threads", "2").exitCode());
        assertArrayEquals(flags, Files.readAllBytes(r.resolve(Inspection.ANOMALIES)));
    }

    /** A clean run flags nothing above the default thresholds (InjectedFaultTest: the same run with a fault). */
    @Test
    void aCleanRunFlagsNothing() throws IOException {
        JsonNode a = Json.read(run.resolve(Inspection.ANOMALIES));
        assertTrue(a.isArray() && a.isEmpty(), a.toString());
    }

    /** Random embeddings give a near-monochrome palette; trained ones a colourful one. */
    @Test
    void palettesGainColourAsTheEmbeddingsDiversify() throws IOException {
        JsonNode s = Json.read(run.resolve("summary.json"));
        double first = s.get("paletteColourfulnessFirst").asDouble();
        double last = s.get("paletteColourfulnessLast").asDouble();
        assertTrue(first < 0.02, "first palette colourfulness " + first);
        assertTrue(last > 5 * first && last > 0.1, "last palette colourfulness " + last + " vs first " + first);
    }

    @Test
    void rendersAgainWithAnotherGenomeWithoutRetraining() throws IOException {
        Cli c = Cli.run("render", run.toString(), "--genome", "lattice", "--size", "96x54", "--quality", "4");
        assertEquals(0, c.exitCode(), c.toString());
        Path video = run.resolve("render-2.mp4");
        assertEquals(BATCHES, Mp4Encoder.probe(video).frames());
        assertEquals(96, Mp4Encoder.probe(video).width());
        JsonNode a = Json.read(run.resolve("frames.json"));
        JsonNode b = Json.read(run.resolve("render-2.frames.json"));
        assertEquals(a.get(10).get("loss"), b.get(10).get("loss"), "the same trace");
        assertNotEquals(a.get(10).get("genome"), b.get(10).get("genome"), "another genome");
    }

    @Test
    void writesPaletteStrips() {
        Cli c = Cli.run("palettes", run.toString(), "--variants", "2");
        assertEquals(0, c.exitCode(), c.toString());
        assertTrue(Files.exists(run.resolve("palettes/overview.png")));
        assertTrue(Files.exists(run.resolve("palettes/palette-seed-7.png")));
        assertTrue(Files.exists(run.resolve("palettes/palette-seed-8.png")));
    }

    @Test
    void aFinishedRunIsNeverOverwritten() {
        Cli c = Cli.run("run", "--out", run.toString());
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertTrue(c.error().contains("holds a finished run"), c.err());
    }
}

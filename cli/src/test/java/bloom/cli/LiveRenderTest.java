package bloom.cli;

import bloom.film.Json;
import bloom.film.Mp4Encoder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bloom run} renders while it trains. A run killed with SIGKILL part-way resumes from its
 * directory, and every frame it ends with is the frame {@code bloom render} draws afterwards from
 * the finished trace, byte for byte (PNG) and in the frame index.
 */
class LiveRenderTest {

    private static final String[] RUN = {"run", "--batches", "80", "--train-pairs", "3000", "--test-pairs", "20",
            "--valid-every", "40", "--valid-sentences", "20", "--checkpoint-every", "10", "--size", "48x28",
            "--quality", "6", "--threads", "2", "--segment-frames", "20", "--png"};

    @Test
    void aRunKilledWhileRenderingResumesToTheFramesARenderDrawsLater(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of(RUN));
        args.add("--out");
        args.add(dir.toString());

        Process p = bloom(args, tmp.resolve("first.log"));
        Path segments = dir.resolve("run.segments");
        awaitWhileAlive(p, () -> finishedSegment(segments), 240);
        boolean killedMidway = p.isAlive();
        p.destroyForcibly().waitFor();
        assertTrue(killedMidway, "the run ended before its first segment was seen: " + Files.readString(tmp.resolve("first.log")));

        Process resumed = bloom(args, tmp.resolve("second.log"));
        assertTrue(resumed.waitFor(240, TimeUnit.SECONDS));
        assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("second.log")));
        String log = Files.readString(tmp.resolve("second.log"));
        assertTrue(log.contains("resum"), log);

        Path live = tmp.resolve("live-frames");
        Files.move(dir.resolve("frames"), live);
        Cli again = Cli.run("render", dir.toString(), "-o", dir.resolve("again.mp4").toString(), "--size", "48x28",
                "--quality", "6", "--threads", "2", "--png");
        assertEquals(0, again.exitCode(), again.toString());

        JsonNode a = Json.read(dir.resolve("frames.json"));
        JsonNode b = Json.read(dir.resolve("again.frames.json"));
        assertEquals(80, a.size());
        assertEquals(a, b, "the frame index of the live render and of the later render");
        for (int f = 0; f < 80; f++) {
            String name = String.format("%06d.png", f);
            assertArrayEquals(Files.readAllBytes(live.resolve(name)), Files.readAllBytes(dir.resolve("frames").resolve(name)), name);
        }
        assertEquals(80, Mp4Encoder.probe(dir.resolve("run.mp4")).frames());
    }

    private static boolean finishedSegment(Path segments) throws IOException {
        if (!Files.isDirectory(segments)) {
            return false;
        }
        try (Stream<Path> s = Files.list(segments)) {
            return s.anyMatch(q -> q.getFileName().toString().matches("\\d{6}-\\d{6}\\.mp4"));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** A condition a test waits for. */
    interface Condition {
        boolean met() throws IOException;
    }

    /** Waits until {@code done} is met, {@code p} has ended, or {@code seconds} have passed. */
    static void awaitWhileAlive(Process p, Condition done, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.met() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** {@code bloom ARGS} in a JVM of its own, as a user starts it (so that SIGKILL is real). */
    static Process bloom(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "bloom.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }
}

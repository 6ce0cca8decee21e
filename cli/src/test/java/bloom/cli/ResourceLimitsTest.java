package bloom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs the machine cannot hold are refused before they start, with one line giving what they
 * need and what there is; attribute values of a flame file that would exhaust memory or
 * overflow are errors naming file and line. (Each of these ended in an OutOfMemoryError or a
 * NegativeArraySizeException stack trace before.)
 */
class ResourceLimitsTest {

    @TempDir
    Path dir;

    private Path flame(String from, String to) throws IOException {
        String star = Files.readString(Path.of("../examples/genomes/star.flame"));
        assertTrue(star.contains(from), from);
        return Files.writeString(dir.resolve("g" + Math.abs(to.hashCode()) + ".flame"), star.replace(from, to));
    }

    private static void oneLine(Cli c, int code, String... parts) {
        assertEquals(code, c.exitCode(), c.toString());
        assertEquals(1, c.err().lines().filter(l -> !l.isBlank() && !l.startsWith("Try ")).count(), c.err());
        for (String p : parts) {
            assertTrue(c.err().contains(p), "'" + p + "' in: " + c.err());
        }
        assertFalse(c.err().contains("Exception"), c.err());
    }

    @Test
    void tooManyThreads() {
        oneLine(Cli.run("flame", "render", "star", "-o", dir.resolve("a.png").toString(), "--threads", "100000"),
                ExitCodes.USAGE, "--threads 100000: expected 1 to 256");
    }

    @Test
    void framesLargerThanTheHeapAreRefusedWithBothFigures() throws IOException {
        // a histogram this large gets one stream per thread: 2 streams + 3 histograms, 3 images, 4 GB each
        String heap = "needs 32.0 GB of memory; Java has ";
        oneLine(Cli.run("flame", "render", "star", "-o", dir.resolve("b.png").toString(), "--size", "16384x16384",
                "--threads", "2"), ExitCodes.UNAVAILABLE, heap, "BLOOM_JAVA_OPTS");
        oneLine(Cli.run("flame", "render", flame("size=\"640 360\"", "size=\"16384 16384\"").toString(), "-o",
                dir.resolve("c.png").toString(), "--threads", "2"), ExitCodes.UNAVAILABLE, heap);
        Path out = dir.resolve("run");
        oneLine(Cli.run("run", "--out", out.toString(), "--size", "16384x16384", "--threads", "2"), ExitCodes.UNAVAILABLE, heap);
        assertFalse(Files.exists(out), "refused before the run directory is made");
    }

    @Test
    void outOfRangeSamplingAttributesNameTheLine() throws IOException {
        Path er = flame("estimator_radius=\"9\"", "estimator_radius=\"100000\"");
        oneLine(Cli.run("flame", "render", er.toString(), "-o", dir.resolve("d.png").toString()), ExitCodes.BAD_INPUT,
                er + ":2: ", "radius 100000.0", "expected radius and minimum 0 to 50");
        Path fi = flame("filter=\"0.5\"", "filter=\"100000\"");
        oneLine(Cli.run("flame", "render", fi.toString(), "-o", dir.resolve("e.png").toString()), ExitCodes.BAD_INPUT,
                fi + ":2: ", "Invalid filter radius: 100000.0 (expected 0 to 50)");
    }

    /** An OutOfMemoryError that still happens (here handed over as one) ends as one line with its exit code. */
    @Test
    void anOutOfMemoryErrorIsOneLine() {
        java.io.StringWriter w = new java.io.StringWriter();
        int code = Main.report(new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap space")),
                new java.io.PrintWriter(w));
        assertEquals(ExitCodes.UNAVAILABLE, code);
        assertEquals("bloom: out of memory (Java heap space); give Java more with BLOOM_JAVA_OPTS=-Xmx8g or lower --size"
                + " (a run resumes where it stopped)", w.toString().strip());
    }
}

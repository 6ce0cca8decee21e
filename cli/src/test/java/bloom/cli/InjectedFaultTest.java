package bloom.cli;

import bloom.film.Inspection;
import bloom.film.Json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run of RunEndToEndTest (which flags nothing) with a fault injected at batch 45: anomaly
 * detection flags that batch, within one, and `bloom inspect` prints it.
 */
class InjectedFaultTest {

    static final int AT = 45;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lr-spike", "corrupt-batch", "nan"})
    void theInjectedBatchIsFlagged(String kind) throws IOException {
        Path run = tmp.resolve(kind);
        Cli c = Cli.run("run", "--out", run.toString(), "--batches", "60", "--train-pairs", "3000",
                "--test-pairs", "40", "--size", "64x36", "--quality", "2", "--snapshot-every", "5",
                "--threads", "2", "--png", "--inject", kind + "@" + AT);
        assertEquals(0, c.exitCode(), c.toString());
        JsonNode a = Json.read(run.resolve(Inspection.ANOMALIES));
        assertTrue(a.size() >= 1, kind + ": nothing flagged");
        long first = a.get(0).get("batch").asLong();
        assertTrue(Math.abs(first - AT) <= 1, kind + ": first flag at batch " + first + ": " + a);
        assertEquals(first - 1, a.get(0).get("frame").asLong());
        assertTrue(c.err().contains("first at batch " + first), c.err());

        if (kind.equals("nan")) {
            // training stops at the batch (--on-nan stop, the default); what was recorded is rendered,
            // and the batch's frame is marked: red inside a red border
            assertEquals("non-finite", a.get(0).get("rule").asText());
            JsonNode frames = Json.read(run.resolve("frames.json"));
            assertEquals(AT, frames.size());
            assertTrue(!frames.get(AT - 1).get("finite").asBoolean());
            java.awt.image.BufferedImage marked = javax.imageio.ImageIO.read(
                    run.resolve("frames").resolve(String.format("%06d.png", AT - 1)).toFile());
            java.awt.image.BufferedImage healthy = javax.imageio.ImageIO.read(
                    run.resolve("frames").resolve(String.format("%06d.png", AT - 2)).toFile());
            assertTrue(redness(marked) > 0.8 && redness(healthy) < 0.6,
                    "redness " + redness(marked) + " against " + redness(healthy));
        }
        Cli inspect = Cli.run("inspect", run.toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith(first + " ")), inspect.out());

        // the contact sheet holds the evenly spaced frames and every flagged one
        Path sheet = run.resolve("contact-sheet.png");
        Cli cs = Cli.run("contact-sheet", run.toString(), "--count", "4", "--columns", "3", "--tile", "64x36",
                "--tile-quality", "2");
        assertEquals(0, cs.exitCode(), cs.toString());
        java.util.Set<Long> flaggedFrames = new java.util.TreeSet<>();
        a.forEach(n -> flaggedFrames.add(n.get("frame").asLong()));
        int frames = Json.read(run.resolve("frames.json")).size();
        java.util.Set<Long> tiles = new java.util.TreeSet<>(flaggedFrames);
        for (int i = 0; i < 4; i++) {
            tiles.add(Math.round(i * (frames - 1) / 3.0));
        }
        assertTrue(cs.error().contains(tiles.size() + " frames (4 evenly spaced, " + flaggedFrames.size() + " flagged)"), cs.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(sheet.toFile());
        int rows = (tiles.size() + 2) / 3;
        assertEquals(3 * (64 + 4) + 4, img.getWidth());
        assertEquals(rows * (36 + 16 + 4) + 4, img.getHeight());
    }

    /** The share of the image's total colour that is red. */
    static double redness(java.awt.image.BufferedImage img) {
        double r = 0, all = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                r += (p >> 16) & 255;
                all += ((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255);
            }
        }
        return all > 0 ? r / all : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lr-spike", "lr-spike@x", "melt@3", "corrupt-batch@0"})
    void badInjectionsAreUsageErrors(String spec) {
        Cli c = Cli.run("run", "--out", tmp.resolve("bad").toString(), "--inject", spec);
        assertEquals(ExitCodes.USAGE, c.exitCode(), c.toString());
        assertTrue(c.error().startsWith("bloom: --inject "), c.err());
    }
}

package bloom.cli;

import bloom.film.Inspection;
import bloom.film.Report;
import bloom.film.Json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a run with an exploding batch, in a real headless Chromium: it loads without
 * errors, a click on an anomaly marker shows that batch's frame, the arrow keys step frames.
 * The run directory's name holds what would break a script element or an attribute.
 */
class ReportBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void anEngineerFindsTheExplodingBatchInAFewClicks() throws Exception {
        Path run = tmp.resolve("run <!--<script>\"'&"); // the page's data must not change how its script parses
        Cli c = Cli.run("run", "--out", run.toString(), "--batches", "60", "--train-pairs", "3000",
                "--test-pairs", "40", "--size", "64x36", "--quality", "2", "--snapshot-every", "5",
                "--threads", "2", "--inject", "lr-spike@45");
        assertEquals(0, c.exitCode(), c.toString());
        Cli r = Cli.run("report", run.toString(), "--thumbnail", "64");
        assertEquals(0, r.exitCode(), r.toString());
        Path html = run.resolve(Report.FILE);
        assertTrue(Files.size(html) > 10_000);
        JsonNode flags = Json.read(run.resolve(Inspection.ANOMALIES));
        int flagged = flags.get(0).get("frame").asInt();

        Needs.require(Chromium.available(), "Chromium (Debian package chromium) is not installed and could not be: "
                + Chromium.installLog());
        try (Chromium browser = new Chromium(1200, 900)) {
            browser.open(html.toUri());
            assertEquals(60, browser.eval("document.querySelectorAll('#flags button').length >= 1 ? "
                    + "DATA.frames.length : -1").asInt());
            assertEquals(flags.size(), browser.eval("document.querySelectorAll('.marker').length").asInt());
            assertEquals("0", browser.eval("document.getElementById('frame-no').textContent").asText());

            browser.click(".marker");
            assertEquals(String.valueOf(flagged), browser.eval("document.getElementById('frame-no').textContent").asText());
            assertEquals(String.valueOf(flags.get(0).get("batch").asLong()),
                    browser.eval("document.getElementById('batch-no').textContent").asText());
            assertTrue(browser.eval("document.getElementById('meta').textContent").asText().contains("flagged:"));

            browser.press("ArrowRight", 39);
            assertEquals(String.valueOf(flagged + 1), browser.eval("document.getElementById('frame-no').textContent").asText());
            browser.press("ArrowLeft", 37);
            browser.press("ArrowLeft", 37);
            assertEquals(String.valueOf(flagged - 1), browser.eval("document.getElementById('frame-no').textContent").asText());

            // the frames before and after, and their difference, are drawn
            assertTrue(browser.eval("new Promise(ok => setTimeout(() => ok(document.getElementById('diff').width), 500))").asInt() > 0);
            assertTrue(browser.errors.isEmpty(), "page errors: " + browser.errors);
        }
    }
}

package bloom.cli;

import bloom.film.RunDirectory;
import bloom.film.Json;
import bloom.trace.Event;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live page of a real small training, in headless Chromium, used as an engineer would: it
 * grows while training runs, pause stops the batch counter and resume restarts it, a learning
 * rate set while paused is in the trace at the batch shown and shrinks the updates after it,
 * a control without the token changes nothing, a mark's markup is shown as text, and stop ends
 * the training with its film finished.
 */
class LiveBrowserTest {

    private static final String MARK = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> lowered";
    /** Frame size and quality of the run: small for CI; {@code -Dbloom.live.size=640x360} measures the delay at film size. */
    private static final String SIZE = System.getProperty("bloom.live.size", "160x90");
    private static final String QUALITY = System.getProperty("bloom.live.quality", "2");
    private static final Pattern URL = Pattern.compile("live page: (http://\\S+)");

    @TempDir
    Path tmp;

    @Test
    void anEngineerWatchesAndSteersATrainingAsItRuns() throws Exception {
        Needs.require(Chromium.available(), "Chromium (Debian package chromium) is not installed and could not be: "
                + Chromium.installLog());
        Path run = tmp.resolve("live run");
        Path log = tmp.resolve("run.log");
        Process p = LiveRenderTest.bloom(List.of("run", "--live", "--port", "0", "--exit-when-done", "--out", run.toString(),
                "--batches", "5000", "--train-pairs", "3000", "--test-pairs", "20", "--valid-every", "100",
                "--valid-sentences", "20", "--size", SIZE, "--quality", QUALITY, "--threads", "2"), log);
        try {
            LiveRenderTest.awaitWhileAlive(p, () -> URL.matcher(Files.readString(log)).find(), 120);
            Matcher m = URL.matcher(Files.readString(log));
            assertTrue(m.find(), "no URL printed: " + Files.readString(log));
            URI url = URI.create(m.group(1));
            URI base = URI.create(url.getScheme() + "://" + url.getAuthority());
            String token = url.getQuery().substring("token=".length());

            // Without the token: no page, and a control is refused and changes nothing.
            HttpClient http = HttpClient.newHttpClient();
            for (String data : List.of("/events", "/api/state", "/frames/0.jpg")) {
                assertEquals(403, http.send(HttpRequest.newBuilder(base.resolve(data)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), data + " without the token");
            }
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(base.resolve("/api/control"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("kind=stop")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), refused.body());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(base.resolve("/api/control"))
                    .header("X-Bloom-Token", "0".repeat(32)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("kind=pause")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrong.statusCode(), wrong.body());

            try (Chromium browser = new Chromium(1280, 1160)) {
                browser.open(url);
                browser.await("bloom.hellos >= 1", 30, "the stream's first message");
                browser.await("bloom.framesReceived >= 3 && bloom.steps.length >= 10", 120, "frames pushed to the page");
                int frames = browser.eval("Number(document.getElementById('frame-count').textContent)").asInt();
                int steps = browser.eval("bloom.steps.length").asInt();
                browser.await("Number(document.getElementById('frame-count').textContent) > " + (frames + 5)
                        + " && bloom.steps.length > " + (steps + 5), 60, "the frame count and the chart to grow");
                assertTrue(browser.eval("document.getElementById('frame').src.startsWith('data:image/jpeg')").asBoolean(),
                        "the newest frame is shown as it arrives");
                assertEquals("none", browser.eval("getComputedStyle(document.getElementById('no-frame')).display").asText(),
                        "and the waiting note is gone");
                assertTrue(browser.eval("document.getElementById('timeline').width").asInt() > 100);
                assertTrue(browser.errors.isEmpty(), "page errors: " + browser.errors);
                // the page without the token, from the page itself: refused, nothing changes (Chromium logs the 403)
                assertEquals(403, browser.eval("fetch('/api/control', {method: 'POST', body: new URLSearchParams({kind: 'pause'})})"
                        + ".then(r => r.status)").asInt());

                // Pause: the batch counter stops.
                browser.click("#pause");
                browser.await("bloom.events.some(e => e.kind === 'pause')", 30, "the pause event");
                browser.await("bloom.state === 'paused'", 10, "the paused state");
                String pausedAt = browser.eval("document.getElementById('batch-no').textContent").asText();
                long pauseStep = browser.eval("bloom.events.find(e => e.kind === 'pause').step").asLong();
                Thread.sleep(2000);
                assertEquals(pausedAt, browser.eval("document.getElementById('batch-no').textContent").asText(),
                        "no batch trains while paused");
                assertEquals(String.valueOf(pauseStep), pausedAt, "the pause took effect at the batch the page shows");

                // While paused: set the learning rate far down, and mark the batch with markup in its text.
                browser.click("#lr");
                browser.type("1e-7");
                browser.click("#set-lr");
                browser.await("bloom.events.some(e => e.kind === 'learning-rate')", 30, "the learning-rate event");
                browser.click("#mark-text");
                browser.type(MARK);
                browser.click("#mark");
                browser.await("bloom.events.some(e => e.kind === 'mark')", 30, "the mark event");
                assertTrue(browser.eval("[...document.querySelectorAll('#events li')].some(li => li.textContent.includes("
                        + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(MARK) + "))").asBoolean(), "the mark is shown as its text");
                assertEquals(0, browser.eval("document.querySelectorAll('#events script, #events img').length").asInt());
                assertTrue(browser.eval("window.pwned === undefined").asBoolean(), "the mark's markup never ran");

                // Resume: the counter moves again.
                browser.click("#resume");
                browser.await("Number(document.getElementById('batch-no').textContent) > " + (Integer.parseInt(pausedAt) + 20),
                        60, "training to go on after resume");

                // Follow the newest with End, then jump back to the pause through its event (once its frame is rendered).
                browser.press("End", 35);
                browser.await("bloom.frames > " + pausedAt, 120, "the frame of the paused batch");
                browser.click("#events li");
                assertEquals(pausedAt, browser.eval("document.getElementById('shown-batch').textContent").asText());
                browser.await("document.getElementById('frame').complete && document.getElementById('frame').naturalWidth > 0",
                        10, "the scrubbed frame to load");
                browser.eval("window.scrollTo(0, 0)");
                Files.write(Path.of(System.getProperty("bloom.live.screenshot", tmp.resolve("live.png").toString())),
                        browser.screenshot());

                browser.click("#stop");
                assertTrue(p.waitFor(300, TimeUnit.SECONDS), "stop ends the run");
                double[] lat = Arrays.stream(browser.eval("JSON.stringify(bloom.latencies)").asText()
                        .replaceAll("[\\[\\]]", "").split(",")).filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).sorted().toArray();
                System.out.printf("live page, %s q%s: minibatch recorded -> its frame on the page: median %.0f ms, 90th percentile "
                        + "%.0f ms, over %d frames%n", SIZE, QUALITY, lat.length == 0 ? Double.NaN : lat[lat.length / 2],
                        lat.length == 0 ? Double.NaN : lat[lat.length * 9 / 10], lat.length);
                double[] push = Arrays.stream(browser.eval("JSON.stringify(bloom.pushDelays)").asText()
                        .replaceAll("[\\[\\]]", "").split(",")).filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).sorted().toArray();
                System.out.printf("live page, %s q%s: frame rendered -> on the page: median %.0f ms, 90th percentile %.0f ms%n",
                        SIZE, QUALITY, push.length == 0 ? Double.NaN : push[push.length / 2],
                        push.length == 0 ? Double.NaN : push[push.length * 9 / 10]);
                // besides the refused control and the stream's reconnection attempts after the server ended, nothing failed
                assertTrue(browser.errors.stream().allMatch(e -> e.contains("status of 403") || e.contains("ERR_CONNECTION_REFUSED")),
                        "page errors: " + browser.errors);
            }
            assertEquals(0, p.exitValue(), Files.readString(log));

            // The trace holds every control at its batch; the updates after the new rate are tiny.
            Trace trace = Trace.read(run.resolve(Trace.FILE));
            List<Event.Kind> kinds = trace.events().stream().map(Event::kind).toList();
            assertEquals(List.of(Event.Kind.PAUSE, Event.Kind.LEARNING_RATE, Event.Kind.MARK, Event.Kind.RESUME, Event.Kind.STOP),
                    kinds, trace.events().toString());
            Event lr = trace.events().get(1);
            assertEquals(pauseStepOf(trace), lr.step());
            assertEquals("1e-7", lr.text());
            assertEquals(MARK, trace.events().get(2).text());
            List<StepRecord> s = trace.steps();
            int at = (int) lr.step(); // steps index at..: trained with the new rate
            double before = median(s.subList(Math.max(0, at - 20), at));
            double after = median(s.subList(at + 1, Math.min(s.size(), at + 21)));
            assertTrue(after < before / 100, "update norm: median " + before + " before the new rate, " + after + " after");

            // Stop: the film is finished, with every batch trained.
            long stopStep = trace.events().get(4).step();
            assertEquals(stopStep, trace.lastStep());
            JsonNode summary = Json.read(run.resolve(RunDirectory.SUMMARY));
            assertEquals(stopStep, summary.get("frames").asLong());
            assertTrue(Files.size(run.resolve(RunDirectory.VIDEO)) > 1000);
            Inspect.assertNoStrayFiles(run);

            // The events stand beside the anomalies in inspect, the report and the contact sheet.
            Cli inspect = Cli.run("inspect", run.toString());
            assertEquals(0, inspect.exitCode(), inspect.toString());
            assertTrue(inspect.out().contains("5 events") && inspect.out().contains("learning-rate  1e-7")
                    && inspect.out().contains(MARK), inspect.out());
            Cli report = Cli.run("report", run.toString(), "--thumbnail", "32");
            assertEquals(0, report.exitCode(), report.toString());
            String html = Files.readString(run.resolve("report.html"));
            assertTrue(html.contains("learning-rate") && html.contains("1e-7") && !html.contains(MARK),
                    "events in the report, the mark's markup escaped");
            Cli sheet = Cli.run("contact-sheet", run.toString(), "--count", "4");
            assertEquals(0, sheet.exitCode(), sheet.toString());

            // --caption burns batch, loss and the events into the film, and leaves the picture above alone.
            Path plain = tmp.resolve("plain.mp4");
            Path captioned = tmp.resolve("captioned.mp4");
            for (Path out : List.of(plain, captioned)) {
                List<String> a = new ArrayList<>(List.of("render", run.toString(), "--size", "160x90", "--quality", "2",
                        "--threads", "2", "-o", out.toString()));
                if (out == captioned) {
                    a.add("--caption");
                }
                Cli r = Cli.run(a.toArray(String[]::new));
                assertEquals(0, r.exitCode(), r.toString());
            }
            int frame = (int) pauseStepOf(trace) - 1;
            int[] p0 = frameOf(plain, frame), c0 = frameOf(captioned, frame);
            double top = 0, bottom = 0;
            for (int y = 0; y < 90; y++) {
                for (int x = 0; x < 160; x++) { // the re-renders are 160x90 whatever the run's size
                    int a = p0[y * 160 + x], b = c0[y * 160 + x];
                    double d = Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff));
                    if (y < 40) {
                        top += d;
                    } else if (y >= 60) {
                        bottom += d;
                    }
                }
            }
            assertTrue(bottom / (30 * 160) > 2 * Math.max(0.5, top / (40 * 160)), // the top differs only by x264's noise
                    "the caption changes the bottom (mean " + bottom / (30 * 160) + ") far more than the top (" + top / (40 * 160) + ")");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static int[] frameOf(Path video, int frame) throws Exception {
        int[][] out = new int[1][];
        bloom.film.Mp4Encoder.decode(video, (i, w, h, rgb) -> {
            if (i == frame) {
                out[0] = rgb;
            }
        });
        return out[0];
    }

    private static long pauseStepOf(Trace t) {
        return t.events().get(0).step();
    }

    private static double median(List<StepRecord> steps) {
        double[] v = steps.stream().mapToDouble(StepRecord::updateNorm).sorted().toArray();
        return v[v.length / 2];
    }

    /** Nothing but what a run keeps. */
    private static final class Inspect {
        static void assertNoStrayFiles(Path run) throws java.io.IOException {
            List<String> names = new ArrayList<>();
            try (var s = Files.list(run)) {
                s.forEach(f -> names.add(f.getFileName().toString()));
            }
            assertTrue(!names.contains("run.segments"), "segments joined: " + names);
        }
    }
}

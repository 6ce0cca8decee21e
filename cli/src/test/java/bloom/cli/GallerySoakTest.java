package bloom.cli;

import bloom.film.Json;
import bloom.film.Previews;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.trace.StepRecord;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gallery screen left alone, in headless Chromium: it follows a live run (frames at 25 a
 * second), comes back by itself after its server is killed and started again, falls back to the
 * loop when the run ends, loops two films with cross-fades at 16 times their speed (so two
 * minutes are half an hour of playback), and a screen opened after a power cut starts where the
 * loop was. Server heap after GC, open connections and the page's JavaScript heap are sampled
 * throughout and must stay flat. {@code -Dbloom.soak.seconds=N} soaks longer (default 240: half
 * live, half loop).
 */
class GallerySoakTest {

    private static final int SOAK = Integer.getInteger("bloom.soak.seconds", 240);
    private static final double RATE = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theScreenRunsUnattended() throws Exception {
        Needs.require(Chromium.available(), "Chromium (Debian package chromium) is not installed and could not be: "
                + Chromium.installLog());
        // Two films of 12 s (60 frames at 5 fps)
        Path run = tmp.resolve("adam");
        Cli c = Cli.run("run", "--out", run.toString(), "--batches", "60", "--train-pairs", "3000", "--test-pairs", "20",
                "--size", "96x54", "--quality", "2", "--threads", "2", "--fps", "5", "--valid-every", "0");
        assertEquals(0, c.exitCode(), c.toString());
        Path lattice = tmp.resolve("lattice.mp4");
        Cli r = Cli.run("render", run.toString(), "--genome", "lattice", "-o", lattice.toString());
        assertEquals(0, r.exitCode(), r.toString());

        // A live run this test writes, as a trainer and renderer would: its lock held, a step and a frame every 40 ms
        Path live = Files.createDirectories(tmp.resolve("tonight"));
        RunLock lock = RunLock.acquire(live, "bloom run");
        TraceWriter trace = TraceWriter.create(live.resolve("trace.bin"), new TraceHeader(4, 1, 10, "soak"));
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            Random rnd = new Random(5);
            int[] px = new int[160 * 90];
            try {
                for (int f = 0; producing.get(); f++) {
                    for (int i = 0; i < px.length; i++) {
                        px[i] = rnd.nextInt(1 << 24) & 0x3f7fbf;
                    }
                    trace.step(new StepRecord(f + 1, 0, 50.0 / (1 + f / 100.0), 1, 0.1, 10, new float[] {1, 2, 3, 4}));
                    Previews.write(live, f, px, 160, 90);
                    Thread.sleep(40);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer.setDaemon(true);
        producer.start();

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path state = tmp.resolve("gallery-state.json");
        List<String> args = List.of("gallery", run.toString(), lattice.toString(), "--live", live.toString(),
                "--port", String.valueOf(port), "--state", state.toString(), "--crossfade", "2");
        Process server = start(args, tmp.resolve("gallery-1.log"), port);
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        List<long[]> samples = new ArrayList<>(); // {seconds, server heap after GC, connections, page heap}
        try (Chromium browser = new Chromium(640, 360)) {
            browser.open(URI.create(base + "?rate=" + (int) RATE));
            browser.await("gallery.mode === 'live' && gallery.liveFrames > 10", 60, "the screen to follow the live run");
            assertTrue(browser.eval("getComputedStyle(document.body).cursor === 'none'").asBoolean(), "no cursor");
            assertEquals(0, browser.eval("document.querySelectorAll('button, input, a').length").asInt(), "no controls");

            // The server dies (a power cut of its machine, a crash) and starts again: the screen comes back by itself.
            server.destroyForcibly().waitFor();
            int framesBefore = browser.eval("gallery.liveFrames").asInt();
            server = start(args, tmp.resolve("gallery-2.log"), port);
            browser.await("gallery.hellos >= 2 && gallery.liveFrames > " + (framesBefore + 25), 60,
                    "the screen to reconnect to the restarted server");

            long t0 = System.nanoTime();
            soak(browser, http, base, SOAK / 2, t0, samples);
            int liveFrames = browser.eval("gallery.liveFrames").asInt();

            // The run ends: the screen goes back to the loop of films.
            producing.set(false);
            producer.join();
            trace.close();
            Json.write(live.resolve(RunDirectory.TRAINING), Map.of("steps", 1));
            lock.close();
            browser.await("gallery.mode === 'loop'", 30, "the loop after the live run ended");
            int loopsBefore = browser.eval("gallery.loops").asInt();
            soak(browser, http, base, (SOAK - SOAK / 2) / 2, t0, samples);
            String shot = System.getProperty("bloom.gallery.screenshot");
            if (shot != null) {
                Files.write(Path.of(shot), browser.screenshot());
            }
            soak(browser, http, base, SOAK - SOAK / 2 - (SOAK - SOAK / 2) / 2, t0, samples);
            int loops = browser.eval("gallery.loops").asInt() - loopsBefore;
            double playback = (SOAK - SOAK / 2) * RATE / 60;
            System.out.printf("gallery soak: %d s live (%d frames shown of ~%d sent), then %.0f min of playback at %.0fx "
                    + "(%d loop points cross-faded); samples (s, server heap after GC MB, connections, page heap MB):%n",
                    SOAK / 2, liveFrames, SOAK / 2 * 25, playback, RATE, loops);
            for (long[] s : samples) {
                System.out.printf("  %4d  %6.1f  %2d  %6.1f%n", s[0], s[1] / 1e6, s[2], s[3] / 1e6);
            }
            assertTrue(loops >= playback * 60 / 12 * 0.6, loops + " loop points in " + playback + " min of 12-second films");
            assertTrue(browser.errors.stream().allMatch(e -> e.contains("ERR_CONNECTION_REFUSED") || e.contains("net::ERR")),
                    "page errors: " + browser.errors);
        }
        // Flat: the last samples are no larger than the early ones, give or take the collector's timing.
        int n = samples.size();
        assertTrue(n >= 6, "samples: " + n);
        for (int col : new int[] {1, 3}) {
            long early = Math.max(samples.get(1)[col], samples.get(2)[col]);
            long late = Math.max(samples.get(n - 1)[col], samples.get(n - 2)[col]);
            assertTrue(late <= early * 1.5 + 16_000_000, (col == 1 ? "server" : "page") + " heap grew: " + early + " -> " + late);
        }
        for (long[] s : samples) {
            assertTrue(s[2] <= 6, "open connections at " + s[0] + " s: " + s[2]);
        }

        // A power cut: server and screen start again, and the screen goes on where the loop was.
        JsonNode saved = Json.read(state);
        server.destroyForcibly().waitFor();
        server = start(args, tmp.resolve("gallery-3.log"), port);
        try (Chromium browser = new Chromium(640, 360)) {
            browser.open(base);
            browser.await("gallery.mode === 'loop' && document.querySelector('video.shown') && document.querySelector('video.shown').readyState >= 2",
                    30, "the loop to start");
            int film = browser.eval("gallery.film").asInt();
            double at = browser.eval("document.querySelector('video.shown').currentTime").asDouble();
            double savedTime = saved.get("time").asDouble();
            if (savedTime < 9) { // saved in the last 3 s of a film, the screen may already be fading into the next
                assertEquals(saved.get("film").asInt(), film, "the film it was playing");
                assertTrue(at >= savedTime - 0.5, "resumed at " + at + " s, saved " + savedTime);
            } else {
                assertTrue(film == saved.get("film").asInt() || film == (saved.get("film").asInt() + 1) % 2,
                        "film " + film + ", saved " + saved);
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    private static Process start(List<String> args, Path log, int port) throws Exception {
        Process p = LiveRenderTest.bloom(args, log);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/gallery")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the gallery did not start: " + Files.readString(log));
    }

    /** Lets the screen run for {@code seconds}, sampling every 10 s. */
    private static void soak(Chromium browser, HttpClient http, URI base, int seconds, long t0, List<long[]> samples) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(10_000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
            JsonNode h = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/health?gc=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            long page = browser.eval("performance.memory ? performance.memory.usedJSHeapSize : 0").asLong();
            samples.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, h.get("heapAfterLastGc").asLong(),
                    h.get("connections").asLong(), page});
        }
    }
}

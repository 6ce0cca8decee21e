package bloom.live;

import bloom.film.Previews;
import bloom.trace.StepRecord;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as many viewers see it: every fast viewer gets every message and the newest frame
 * at once while a viewer that stopped reading is dropped from, never waited for; watching and
 * steering need the token.
 */
class LiveServerTest {

    @TempDir
    Path run;

    /** A viewer reading its stream as fast as it comes: counts frames, remembers the last. */
    private static final class Reader implements Runnable {
        final HttpClient http = HttpClient.newHttpClient();
        final URI uri;
        final AtomicInteger frames = new AtomicInteger();
        volatile int lastFrame = -1;
        volatile int steps;
        volatile boolean hello;

        Reader(URI uri) {
            this.uri = uri;
        }

        @Override
        public void run() {
            try {
                InputStream in = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String event = "";
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        switch (event) {
                            case "hello" -> hello = true;
                            case "frame" -> {
                                frames.incrementAndGet();
                                int i = line.indexOf("\"frame\":") + 8;
                                lastFrame = Integer.parseInt(line.substring(i, line.indexOf(',', i)));
                            }
                            case "steps" -> steps += line.split("\\],\\[").length;
                            default -> { }
                        }
                    }
                }
            } catch (Exception e) {
                // the stream ended
            }
        }
    }

    @Test
    void aViewerThatStopsReadingSlowsNobody() throws Exception {
        int total = 150;
        Path trace = run.resolve("trace.bin");
        Random rnd = new Random(3);
        int[] noise = new int[640 * 360]; // noise compresses badly: ~200 kB a frame fills a stalled socket fast
        try (TraceWriter w = TraceWriter.create(trace, new TraceHeader(4, 1, 10, "test"));
             LiveServer server = LiveServer.start(run, LiveServer.Settings.LOCAL, line -> { })) {
            URI events = URI.create("http://127.0.0.1:" + server.port() + "/events?token=" + LiveToken.of(run).value());
            List<Reader> fast = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Reader r = new Reader(events);
                fast.add(r);
                Thread t = new Thread(r);
                t.setDaemon(true);
                t.start();
            }
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            OutputStream o = stalled.getOutputStream();
            o.write(("GET " + events.getRawPath() + "?" + events.getRawQuery() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush(); // and never reads a byte
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((server.viewers() < 4 || fast.stream().anyMatch(r -> !r.hello)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(4, server.viewers());

            long worstWrite = 0;
            for (int f = 0; f < total; f++) {
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = rnd.nextInt(1 << 24);
                }
                long t0 = System.nanoTime();
                w.step(new StepRecord(f + 1, 0, 1.0 / (f + 1), 1, 0.1, 10, new float[] {1, 2, 3, 4}));
                Previews.write(run, f, noise, 640, 360);
                worstWrite = Math.max(worstWrite, System.nanoTime() - t0);
                Thread.sleep(15);
            }
            deadline = System.nanoTime() + 10_000_000_000L;
            while (fast.stream().anyMatch(r -> r.lastFrame != total - 1 || r.steps < total) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (Reader r : fast) {
                assertEquals(total - 1, r.lastFrame, "every fast viewer has the newest frame");
                assertEquals(total, r.steps, "and every step");
                assertTrue(r.frames.get() > total / 3, "and most frames: " + r.frames.get());
            }
            assertTrue(server.framesDropped() > 0, "the stalled viewer missed frames instead of holding anyone up");
            System.out.printf("4 viewers, 1 stalled: %d frames of ~%d kB, fast viewers got %s frames, %d dropped for the stalled one%n",
                    total, Files.size(Previews.path(run, 0)) / 1024, fast.stream().map(r -> String.valueOf(r.frames.get())).toList(),
                    server.framesDropped());
            stalled.close();
            // a viewer that went away is noticed at the next write to it
            w.step(new StepRecord(total + 1, 0, 0.5, 1, 0.1, 10, new float[] {1, 2, 3, 4}));
            deadline = System.nanoTime() + 15_000_000_000L;
            while (server.viewers() > 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(3, server.viewers(), "the closed viewer is gone");
        }
    }

    @Test
    void watchingAndSteeringNeedTheTokenUnlessViewingIsPublic() throws Exception {
        try (TraceWriter w = TraceWriter.create(run.resolve("trace.bin"), new TraceHeader(4, 1, 10, "test"))) {
            w.step(new StepRecord(1, 0, 1, 1, 0.1, 10, new float[] {1, 2, 3, 4}));
        }
        HttpClient http = HttpClient.newHttpClient();
        String token = LiveToken.of(run).value();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(run.resolve(LiveToken.FILE))));
        try (LiveServer server = LiveServer.start(run, LiveServer.Settings.LOCAL, line -> { })) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            assertEquals(token, server.url().getQuery().substring(6), "the printed URL carries the run's token");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no asset from elsewhere");
            assertEquals(403, get(http, base.resolve("/api/state")));
            assertEquals(200, get(http, base.resolve("/api/state?token=" + token)));
            assertEquals(403, post(http, base, null, "kind=pause"));
            assertEquals(403, post(http, base, "f".repeat(32), "kind=pause"));
            assertEquals(400, post(http, base, token, "kind=learning-rate&text=-1"));
            assertEquals(409, post(http, base, token, "kind=pause"), "nothing trains this run");
            assertTrue(!Files.exists(run.resolve(bloom.film.ControlInbox.DIR)), "no refused control reached the inbox");
        }
        try (LiveServer server = LiveServer.start(run, new LiveServer.Settings("127.0.0.1", 0, true), line -> { })) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            assertEquals(200, get(http, base.resolve("/api/state")), "public view: watching needs no token");
            assertEquals(403, post(http, base, null, "kind=stop"), "steering still does");
        }
    }

    private static int get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int post(HttpClient http, URI base, String token, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/control"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            b.header("X-Bloom-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

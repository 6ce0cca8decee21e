package bloom.live;

import bloom.film.FilmException;
import bloom.film.Json;
import bloom.film.RunDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gallery's screen: a fullscreen page with no controls and no cursor that loops films
 * (cross-fading at each loop point) or follows a live run, falling back to the loop when the run
 * ends. It shows and never steers, so it needs no token. Where the loop stands is kept in a
 * state file, written whole and renamed, so after a power cut the screen starts again where it
 * was. Routes: {@code /} the page, {@code /films/N.mp4} (with byte ranges), {@code /api/gallery}
 * (films, whether a run is live, where to resume), {@code POST /api/gallery/position},
 * {@code /events} (the live run's stream), {@code /api/health} (heap and connections; {@code ?gc=1} collects first).
 */
public final class GalleryServer implements AutoCloseable {

    /** How the gallery listens and plays. */
    public record Settings(String host, int port, double crossfadeSeconds, Path stateFile) {
        public Settings {
            if (!(crossfadeSeconds >= 0) || crossfadeSeconds > 30) {
                throw FilmException.usage("--crossfade " + crossfadeSeconds + ": expected 0 to 30 seconds");
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILM = Pattern.compile("/films/(\\d{1,4})\\.mp4");
    private static final java.util.Set<String> ASSETS = java.util.Set.of("gallery.js", "gallery.css");

    private final List<Path> films;
    private final Path liveRun;
    private final Settings settings;
    private final RunChannel channel;
    private final Server server;
    private final Object stateLock = new Object();
    private long lastStateWrite;

    private GalleryServer(List<Path> films, Path liveRun, Settings settings, Consumer<String> log) {
        this.films = List.copyOf(films);
        this.liveRun = liveRun;
        this.settings = settings;
        this.channel = liveRun == null ? null : new RunChannel(liveRun, log);
        this.server = Http.server(settings.host(), settings.port(), "bloom-gallery");
        server.setHandler(new Routes());
    }

    /**
     * Serves the films (MP4 files) and, if {@code liveRun} is given, that run while it trains.
     * A run directory among {@code films} stands for its {@code run.mp4}.
     */
    public static GalleryServer start(List<Path> films, Path liveRun, Settings settings, Consumer<String> log) throws IOException {
        List<Path> resolved = new ArrayList<>();
        for (Path f : films) {
            Path file = Files.isDirectory(f) ? f.resolve(RunDirectory.VIDEO) : f;
            if (!Files.isRegularFile(file)) {
                throw FilmException.usage(f + ": " + (Files.isDirectory(f) ? "the run has no film yet (" + file + ")"
                        : "no such film"));
            }
            if (!file.getFileName().toString().endsWith(".mp4")) {
                throw FilmException.usage(f + ": expected an MP4 film or a run directory");
            }
            resolved.add(file);
        }
        if (liveRun != null && !Files.isDirectory(liveRun)) {
            throw FilmException.usage("--live " + liveRun + ": no such run directory");
        }
        if (resolved.isEmpty() && liveRun == null) {
            throw FilmException.usage("nothing to show: give films or run directories, or --live RUN");
        }
        GalleryServer g = new GalleryServer(resolved, liveRun, settings, log);
        try {
            Http.start(g.server, settings.host(), settings.port());
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        if (g.channel != null) {
            g.channel.start();
        }
        return g;
    }

    public URI url() {
        return Http.url(settings.host(), port(), "/");
    }

    public int port() {
        return Http.connector(server).getLocalPort();
    }

    /** Open connections (page loads, film streams, event streams). */
    public int connections() {
        return Http.connector(server).getConnectedEndPoints().size();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
        Http.stopQuietly(server);
    }

    /** The films to loop now: the given ones, and the live run's own once it has one. */
    private List<Path> loop() {
        List<Path> all = new ArrayList<>(films);
        if (liveRun != null && Files.isRegularFile(liveRun.resolve(RunDirectory.VIDEO))
                && !all.contains(liveRun.resolve(RunDirectory.VIDEO))) {
            all.add(liveRun.resolve(RunDirectory.VIDEO));
        }
        return all;
    }

    private ObjectNode description() {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode fs = o.putArray("films");
        List<Path> loop = loop();
        for (int i = 0; i < loop.size(); i++) {
            ObjectNode f = fs.addObject();
            Path p = loop.get(i);
            f.put("url", "/films/" + i + ".mp4");
            f.put("name", (p.getFileName().toString().equals(RunDirectory.VIDEO) && p.getParent() != null
                    ? p.getParent().getFileName() : p.getFileName()).toString());
            f.put("bytes", p.toFile().length());
        }
        o.put("live", channel != null);
        o.put("crossfade", settings.crossfadeSeconds());
        o.set("resume", readState());
        return o;
    }

    private JsonNode readState() {
        Path f = settings.stateFile();
        if (f != null && Files.isRegularFile(f)) {
            try {
                JsonNode s = Json.read(f);
                if (s.has("film") && s.has("time")) {
                    return s;
                }
            } catch (IOException e) {
                // a state file cut by the power cut itself: start from the beginning
            }
        }
        return JSON.createObjectNode().put("film", 0).put("time", 0.0);
    }

    /** Where the loop stands, at most once every two seconds, written whole then renamed. */
    private void saveState(int film, double time) throws IOException {
        Path f = settings.stateFile();
        if (f == null) {
            return;
        }
        synchronized (stateLock) {
            long now = System.nanoTime();
            if (now - lastStateWrite < 2_000_000_000L) {
                return;
            }
            lastStateWrite = now;
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("film", film);
            m.put("time", time);
            List<Path> loop = loop();
            m.put("name", film < loop.size() ? loop.get(film).toString() : "");
            m.put("at", java.time.Instant.now().toString());
            if (f.toAbsolutePath().getParent() != null) {
                Files.createDirectories(f.toAbsolutePath().getParent());
            }
            Json.write(f, m);
        }
    }

    private ObjectNode health() {
        ObjectNode o = JSON.createObjectNode();
        Runtime rt = Runtime.getRuntime();
        o.put("heapUsed", rt.totalMemory() - rt.freeMemory());
        long afterGc = -1;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun && sun.getLastGcInfo() != null) {
                long used = sun.getLastGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                afterGc = afterGc < 0 ? used : Math.min(afterGc, used);
            }
        }
        o.put("heapAfterLastGc", afterGc);
        o.put("connections", connections());
        o.put("viewers", channel == null ? 0 : channel.viewers());
        return o;
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            Http.commonHeaders(response);
            Matcher film = FILM.matcher(path);
            if (request.getMethod().equals("POST") && path.equals("/api/gallery/position")) {
                Fields form = Request.getParameters(request);
                try {
                    saveState(Integer.parseInt(form.getValue("film")), Double.parseDouble(form.getValue("time")));
                    Http.json(response, callback, HttpStatus.OK_200, "{}");
                } catch (NumberFormatException | NullPointerException e) {
                    Http.json(response, callback, HttpStatus.BAD_REQUEST_400, Http.error("expected film=N&time=SECONDS"));
                }
            } else if (path.equals("/") || path.equals("/index.html")) {
                Http.asset(response, callback, "gallery.html");
            } else if (path.startsWith("/assets/") && ASSETS.contains(path.substring(8))) {
                Http.asset(response, callback, path.substring(8));
            } else if (film.matches()) {
                List<Path> loop = loop();
                int i = Integer.parseInt(film.group(1));
                if (i >= loop.size() || !Files.isRegularFile(loop.get(i))) {
                    Http.text(response, callback, HttpStatus.NOT_FOUND_404, "no film " + i);
                } else {
                    Http.file(request, response, callback, loop.get(i), "video/mp4");
                }
            } else if (path.equals("/api/gallery")) {
                Http.json(response, callback, HttpStatus.OK_200, description().toString());
            } else if (path.equals("/api/health")) {
                if ("1".equals(Request.extractQueryParameters(request).getValue("gc"))) {
                    System.gc(); // a soak test's sample: the live heap, not whatever garbage the last cycle left
                }
                Http.json(response, callback, HttpStatus.OK_200, health().toString());
            } else if (path.equals("/events") && channel != null) {
                channel.serve(response, callback, false);
            } else {
                Http.text(response, callback, HttpStatus.NOT_FOUND_404, "no such page: " + path);
            }
            return true;
        }
    }
}

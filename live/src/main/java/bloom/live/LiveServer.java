package bloom.live;

import bloom.film.ControlInbox;
import bloom.film.FilmException;
import bloom.film.Previews;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live page's web server (Jetty): serves one run directory while it is trained and rendered,
 * or after. Routes:
 * <pre>
 * GET  /                 the page (every asset from the jar: it works offline)
 * GET  /assets/NAME      its script and style sheet
 * GET  /events           Server-Sent Events: hello (the state so far), steps, frame, evaluation,
 *                        event, anomaly, state, restart
 * GET  /frames/N.jpg     frame N's preview, for scrubbing
 * GET  /api/state        the state so far as JSON
 * POST /api/control      kind=pause|resume|stop|learning-rate|mark|inject, text=VALUE: needs the token
 * </pre>
 * Watching needs the run's token too, unless the server was started with public viewing.
 * Controls go into the run's {@link ControlInbox}, which the trainer takes between minibatches,
 * whichever process it runs in.
 */
public final class LiveServer implements AutoCloseable {

    /** How the server listens. */
    public record Settings(String host, int port, boolean publicView) {
        public static final Settings LOCAL = new Settings("127.0.0.1", 0, false);
    }

    private static final Pattern FRAME = Pattern.compile("/frames/(\\d{1,9})\\.jpg");
    private static final java.util.Set<String> ASSETS = java.util.Set.of("live.js", "live.css");

    private final Settings settings;
    private final RunChannel channel;
    private final LiveToken token;
    private final Server server;
    private final ServerConnector connector;


    private LiveServer(Path run, Settings settings, Consumer<String> log) throws IOException {
        this.settings = settings;
        this.token = LiveToken.of(run);
        this.channel = new RunChannel(run, log);
        this.server = Http.server(settings.host(), settings.port(), "bloom-live");
        this.connector = Http.connector(server);
        server.setHandler(new Routes());
    }

    /**
     * Serves {@code run} (it must hold a trace, or be about to: a run being created is followed
     * from its first record). Fails with one line if the port is taken.
     */
    public static LiveServer start(Path run, Settings settings, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(run)) {
            throw FilmException.usage(run + ": no such run directory");
        }
        LiveServer s = new LiveServer(run, settings, log);
        try {
            Http.start(s.server, settings.host(), settings.port());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        s.channel.start();
        return s;
    }

    /** The page's address, with the token when it is needed to watch or to steer. */
    public URI url() {
        return Http.url(settings.host(), port(), "/?token=" + token.value());
    }

    /** The address for watching without the token (public viewing only). */
    public URI viewUrl() {
        return URI.create(url().toString().replaceFirst("\\?token=.*", ""));
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Viewers connected now. */
    public int viewers() {
        return channel.viewers();
    }

    /** Frames skipped so far for slow viewers (never for the run). */
    public long framesDropped() {
        return channel.framesDropped();
    }

    @Override
    public void close() {
        channel.close();
        Http.stopQuietly(server);
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            Fields query = Request.extractQueryParameters(request);
            String given = request.getHeaders().get("X-Bloom-Token");
            if (given == null) {
                given = query.getValue("token");
            }
            boolean tokenOk = token.matches(given);
            Http.commonHeaders(response);
            if (method.equals("POST") && path.equals("/api/control")) {
                control(request, response, callback, tokenOk);
                return true;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Http.text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET, and POST /api/control");
                return true;
            }
            // The page and its assets hold no data of the run; everything that does needs the token unless viewing is public.
            if (path.equals("/") || path.equals("/index.html")) {
                Http.asset(response, callback, "index.html");
                return true;
            } else if (path.startsWith("/assets/") && ASSETS.contains(path.substring(8))) {
                Http.asset(response, callback, path.substring(8));
                return true;
            }
            if (!tokenOk && !settings.publicView()) {
                Http.text(response, callback, HttpStatus.FORBIDDEN_403, "this run's page needs its token: open the URL that "
                        + "bloom printed (…/?token=…), or serve it with --public-view");
                return true;
            }
            Matcher frame = FRAME.matcher(path);
            if (path.equals("/events")) {
                channel.serve(response, callback, tokenOk);
            } else if (frame.matches()) {
                Path f = Previews.path(channel.run(), Integer.parseInt(frame.group(1)));
                if (!Files.exists(f)) {
                    Http.text(response, callback, HttpStatus.NOT_FOUND_404, "frame " + frame.group(1) + " is not rendered yet");
                } else {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/jpeg");
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, max-age=3600");
                    response.write(true, ByteBuffer.wrap(Files.readAllBytes(f)), callback);
                }
            } else if (path.equals("/api/state")) {
                Http.json(response, callback, HttpStatus.OK_200, channel.stateDocument(tokenOk).toString());
            } else {
                Http.text(response, callback, HttpStatus.NOT_FOUND_404, "no such page: " + path);
            }
            return true;
        }
    }

    private void control(Request request, Response response, Callback callback, boolean tokenOk) throws Exception {
        // The small form is read before a refusal too: a refused request whose body was left unread
        // makes the server close the connection, and a client that reuses it gets no answer at all.
        Fields form = Request.getParameters(request);
        if (!tokenOk) {
            Http.json(response, callback, HttpStatus.FORBIDDEN_403, Http.error("controls need the run's token"));
            return;
        }
        String kind = form.getValue("kind");
        String value = form.getValue("text");
        bloom.trace.Event.Kind k = kind == null ? null : bloom.trace.Event.Kind.parse(kind);
        if (k == null) {
            Http.json(response, callback, HttpStatus.BAD_REQUEST_400, Http.error("kind '" + kind
                    + "': expected pause, resume, stop, learning-rate, mark or inject"));
            return;
        }
        ControlInbox.Request r;
        try {
            r = ControlInbox.request(k, value);
        } catch (IllegalArgumentException e) {
            Http.json(response, callback, HttpStatus.BAD_REQUEST_400, Http.error(e.getMessage()));
            return;
        }
        Path run = channel.run();
        if (RunLock.holder(run) == null || Files.exists(run.resolve(RunDirectory.TRAINING))) {
            Http.json(response, callback, HttpStatus.CONFLICT_409, Http.error("no training is running in " + run));
            return;
        }
        ControlInbox.submit(run, r);
        Http.json(response, callback, HttpStatus.ACCEPTED_202, "{\"accepted\":\"" + k.spelling() + "\"}");
    }
}

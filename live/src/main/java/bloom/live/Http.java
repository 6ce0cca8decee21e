package bloom.live;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the live page's and the gallery's servers share: the server itself, assets, answers, and files with ranges. */
final class Http {

    /** The pages run no script but their own and load nothing from elsewhere. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private Http() {}

    /** A Jetty server on daemon threads listening on host:port (0: any free port). */
    static Server server(String host, int port, String name) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(2000);
        return server;
    }

    static ServerConnector connector(Server s) {
        return (ServerConnector) s.getConnectors()[0];
    }

    /** Starts {@code s}; a taken port is one line naming the option. */
    static void start(Server s, String host, int port) throws IOException {
        try {
            s.start();
        } catch (IOException e) {
            stopQuietly(s);
            if (e.getCause() instanceof BindException || e instanceof BindException) {
                throw bloom.film.FilmException.usage("--port " + port + ": cannot listen on " + host + ":" + port + " ("
                        + e.getMessage() + "); choose another port or 0 for any free one");
            }
            throw e;
        } catch (Exception e) {
            stopQuietly(s);
            throw new IOException("cannot start the server: " + e.getMessage(), e);
        }
    }

    static void stopQuietly(Server s) {
        try {
            s.stop();
        } catch (Exception ignored) {
            // stopping: nothing more to do
        }
    }

    /** The address a browser on this machine opens for a server listening on {@code host}:{@code port}. */
    static java.net.URI url(String host, int port, String pathAndQuery) {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return java.net.URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + pathAndQuery);
    }

    static void commonHeaders(Response response) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
    }

    /** A file of the page from the jar (bloom/live/NAME). */
    static void asset(Response response, Callback callback, String name) throws IOException {
        byte[] body;
        try (InputStream in = Http.class.getResourceAsStream(name)) {
            if (in == null) {
                text(response, callback, HttpStatus.NOT_FOUND_404, "no asset " + name);
                return;
            }
            body = in.readAllBytes();
        }
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (type.startsWith("text/html")) {
            response.getHeaders().put("Content-Security-Policy", CSP);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static void json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }

    static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body + "\n", callback);
    }

    static String error(String message) {
        return "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
    }

    /**
     * A file, whole or the one byte range asked for (a video element seeks with ranges), read
     * in pieces so a 4K film never sits in memory.
     */
    static void file(Request request, Response response, Callback callback, Path file, String type) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        long size = ch.size();
        long from = 0, to = size - 1;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (from > to || from >= size) {
                    ch.close();
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                    text(response, callback, HttpStatus.RANGE_NOT_SATISFIABLE_416, "range " + range + " of " + size + " bytes");
                    return;
                }
                response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
            }
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(to - from + 1));
        new FileSender(ch, from, to, response, callback).next();
    }

    /** Writes a file's range in pieces of 256 kB, the next when the connection took the last. */
    private static final class FileSender {
        private final FileChannel ch;
        private final long end;
        private final Response response;
        private final Callback done;
        private long pos;

        FileSender(FileChannel ch, long from, long to, Response response, Callback done) {
            this.ch = ch;
            this.pos = from;
            this.end = to;
            this.response = response;
            this.done = done;
        }

        void next() {
            try {
                ByteBuffer b = ByteBuffer.allocate((int) Math.min(256 * 1024, end - pos + 1));
                while (b.hasRemaining() && ch.read(b, pos + b.position()) >= 0) {
                    // until the piece is full or the file ends
                }
                b.flip();
                pos += b.remaining();
                boolean last = pos > end || b.remaining() == 0;
                response.write(last, b, new Callback() {
                    @Override
                    public void succeeded() {
                        if (last) {
                            close();
                            done.succeeded();
                        } else {
                            next();
                        }
                    }

                    @Override
                    public void failed(Throwable x) {
                        close();
                        done.failed(x);
                    }
                });
            } catch (IOException e) {
                close();
                done.failed(e);
            }
        }

        private void close() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }

}

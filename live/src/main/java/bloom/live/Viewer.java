package bloom.live;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One page's Server-Sent Events stream. Sending never blocks the sender: messages wait in this
 * viewer's own queue and go out one write at a time as the connection takes them. A frame waiting
 * behind a slow connection is replaced by a newer one (that viewer misses frames, nobody else
 * does, and training never waits); if a viewer falls more than {@link #MAX_BACKLOG} bytes of
 * other messages behind, its stream is closed and the page reconnects to a fresh start.
 */
final class Viewer {

    /** Bytes of non-frame messages a viewer may fall behind by before it is dropped. */
    static final int MAX_BACKLOG = 8 << 20;

    private final Response response;
    private final Callback done;
    private final Runnable onClose;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private ByteBuffer frame; // the newest frame not yet written
    private long backlog;
    private boolean writing;
    private boolean closed;
    private long framesDropped;

    Viewer(Response response, Callback done, Runnable onClose) {
        this.response = response;
        this.done = done;
        this.onClose = onClose;
    }

    /** An SSE message of {@code event} with {@code data} (one line of JSON). */
    static ByteBuffer message(String event, String data) {
        return ByteBuffer.wrap(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a message; never blocks. */
    void send(ByteBuffer message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (backlog + message.remaining() > MAX_BACKLOG) {
                closeLocked();
                return;
            }
            queue.add(message.duplicate());
            backlog += message.remaining();
        }
        pump();
    }

    /** Offers the newest frame: it replaces one still waiting for this viewer. */
    void sendFrame(ByteBuffer message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (frame != null) {
                framesDropped++;
            }
            frame = message.duplicate();
        }
        pump();
    }

    synchronized long framesDropped() {
        return framesDropped;
    }

    private void pump() {
        ByteBuffer next;
        synchronized (this) {
            if (writing || closed) {
                return;
            }
            next = queue.poll();
            if (next != null) {
                backlog -= next.remaining();
            } else if (frame != null) {
                next = frame;
                frame = null;
            } else {
                return;
            }
            writing = true;
        }
        response.write(false, next, new Callback() {
            @Override
            public void succeeded() {
                synchronized (Viewer.this) {
                    writing = false;
                }
                pump();
            }

            @Override
            public void failed(Throwable x) {
                synchronized (Viewer.this) {
                    writing = false;
                    closeLocked();
                }
            }
        });
    }

    /** Ends the stream (the server stops, or the viewer fell too far behind). */
    void close() {
        synchronized (this) {
            closeLocked();
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        frame = null;
        onClose.run();
        if (writing) {
            done.failed(new java.io.IOException("viewer closed"));
        } else {
            response.write(true, ByteBuffer.allocate(0), done);
        }
    }
}

package bloom.live;

import bloom.film.Anomalies;
import bloom.film.Previews;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.trace.Evaluation;
import bloom.trace.Event;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import bloom.trace.TraceHeader;
import bloom.trace.TraceTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * A run directory as the live page sees it, followed as training and rendering write it: the
 * trace's steps, validation scores and events, the anomalies they raise, the frames' previews,
 * and whether a process is working on the run. Every change goes to every viewer as a
 * Server-Sent Event; a viewer that connects gets the whole state first, then the changes.
 * One thread follows the files (every {@link #POLL_MILLIS} ms) and beats idle streams; sending to
 * viewers never blocks it.
 */
final class RunChannel implements AutoCloseable {

    static final int POLL_MILLIS = 40;
    /** A comment line to every viewer this often keeps idle connections open and finds the ones that went away. */
    private static final long BEAT_NANOS = 10_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path run;
    private final TraceTail tail;
    private final Set<Viewer> viewers = new CopyOnWriteArraySet<>();
    private final Consumer<String> log;
    private final Thread follower;
    private volatile boolean running = true;

    // state, guarded by this
    private TraceHeader header;
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Anomalies.Anomaly> anomalies = new ArrayList<>();
    private int frames;
    private String state = "";
    private long lastStateCheck;
    private long stepsAtLastDetect;
    private long lastDetect;

    RunChannel(Path run, Consumer<String> log) {
        this.run = run;
        this.log = log;
        this.tail = new TraceTail(run.resolve(Trace.FILE));
        this.follower = new Thread(this::follow, "bloom-live-follower");
        follower.setDaemon(true);
    }

    void start() {
        poll(); // the state so far, before the first viewer
        follower.start();
    }

    Path run() {
        return run;
    }

    int viewers() {
        return viewers.size();
    }

    /** Frames dropped for slow viewers so far, summed over the viewers connected now. */
    long framesDropped() {
        return viewers.stream().mapToLong(Viewer::framesDropped).sum();
    }

    /**
     * Answers a request for {@code /events} with this run's stream: the state so far, then every
     * change, until the viewer goes away. {@code controls} tells the page whether it may steer.
     */
    void serve(org.eclipse.jetty.server.Response response, org.eclipse.jetty.util.Callback callback, boolean controls) {
        response.setStatus(org.eclipse.jetty.http.HttpStatus.OK_200);
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Accel-Buffering", "no");
        Viewer[] holder = new Viewer[1];
        Viewer v = new Viewer(response, callback, () -> viewers.remove(holder[0]));
        holder[0] = v;
        v.send(ByteBuffer.wrap("retry: 2000\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        join(v, controls);
    }

    /** Registers a viewer: it gets the state so far (and the newest frame), then every change. */
    private synchronized void join(Viewer v, boolean controls) {
        v.send(Viewer.message("hello", snapshot(controls).toString()));
        if (frames > 0) {
            ByteBuffer f = frameMessage(frames - 1);
            if (f != null) {
                v.sendFrame(f);
            }
        }
        viewers.add(v);
    }

    private void follow() {
        long lastBeat = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(POLL_MILLIS);
                poll();
                if (System.nanoTime() - lastBeat > BEAT_NANOS) {
                    beat();
                    lastBeat = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept(run + ": " + e.getMessage());
            }
        }
    }

    /** Reads what is new in the run directory and tells the viewers. */
    synchronized void poll() {
        List<Object> items;
        try {
            items = tail.poll();
        } catch (IOException e) {
            log.accept(tail.file() + ": " + e.getMessage());
            return;
        }
        ArrayNode newSteps = JSON.createArrayNode();
        for (Object o : items) {
            if (o == TraceTail.RESTART) {
                steps.clear();
                evaluations.clear();
                events.clear();
                anomalies.clear();
                frames = 0;
                stepsAtLastDetect = 0;
                newSteps.removeAll();
                broadcast("restart", "{}");
            } else if (o instanceof TraceHeader h) {
                header = h;
            } else if (o instanceof StepRecord r) {
                if (!steps.isEmpty() && r.step() <= steps.get(steps.size() - 1).step()) {
                    continue; // a step re-recorded after a resume without a cut: keep the first
                }
                steps.add(r);
                newSteps.add(stepJson(r));
            } else if (o instanceof Evaluation e) {
                evaluations.add(e);
                broadcast("evaluation", evaluationJson(e).toString());
            } else if (o instanceof Event e) {
                events.add(e);
                broadcast("event", eventJson(e).toString());
            }
        }
        if (!newSteps.isEmpty()) {
            broadcast("steps", newSteps.toString());
        }
        long now = System.nanoTime();
        if (steps.size() > stepsAtLastDetect && now - lastDetect > 200_000_000L) {
            detect();
            lastDetect = now;
        }
        int before = frames;
        while (frames < steps.size() && Files.exists(Previews.path(run, frames))) {
            frames++;
        }
        if (frames > before) {
            ByteBuffer m = frameMessage(frames - 1);
            if (m != null) {
                for (Viewer v : viewers) {
                    v.sendFrame(m);
                }
            }
        }
        if (now - lastStateCheck > 500_000_000L) {
            lastStateCheck = now;
            String s = currentState();
            if (!s.equals(state)) {
                state = s;
                broadcast("state", stateJson().toString());
            }
        }
    }

    /** Anomalies flagged since the last look (jitter once its range has closed). */
    private void detect() {
        List<Anomalies.Anomaly> found = Anomalies.detect(steps, null, Anomalies.Settings.DEFAULT);
        long last = steps.get(steps.size() - 1).step();
        for (Anomalies.Anomaly a : found) {
            boolean open = a.rule().equals("jitter") && a.until() >= last;
            boolean known = anomalies.stream().anyMatch(k -> k.batch() == a.batch() && k.rule().equals(a.rule()));
            if (!open && !known) {
                anomalies.add(a);
                broadcast("anomaly", JSON.valueToTree(a.toJson()).toString());
            }
        }
        stepsAtLastDetect = steps.size();
    }

    /** "training" (a process holds the run and its last event is no pause), "paused", or "finished" / "stopped". */
    private String currentState() {
        String holder = RunLock.holder(run);
        if (holder != null) {
            Event last = null;
            for (Event e : events) {
                if (e.kind() == Event.Kind.PAUSE || e.kind() == Event.Kind.RESUME || e.kind() == Event.Kind.STOP) {
                    last = e;
                }
            }
            if (last != null && last.kind() == Event.Kind.PAUSE) {
                return "paused";
            }
            return last != null && last.kind() == Event.Kind.STOP ? "stopping" : Files.exists(run.resolve(RunDirectory.TRAINING))
                    ? "rendering" : "training";
        }
        return Files.exists(run.resolve(RunDirectory.SUMMARY)) || Files.exists(run.resolve(RunDirectory.TRAINING))
                ? "finished" : "idle";
    }

    private void broadcast(String event, String data) {
        ByteBuffer m = Viewer.message(event, data);
        for (Viewer v : viewers) {
            v.send(m);
        }
    }

    private ByteBuffer frameMessage(int frame) {
        byte[] jpeg;
        long written;
        try {
            Path file = Previews.path(run, frame);
            written = Files.getLastModifiedTime(file).toMillis();
            jpeg = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("frame", frame);
        o.put("step", frame < steps.size() ? steps.get(frame).step() : frame + 1);
        o.put("frames", frames);
        o.put("written", written); // when the renderer finished it, for the page's delay figures
        o.put("jpeg", Base64.getEncoder().encodeToString(jpeg));
        return Viewer.message("frame", o.toString());
    }

    private void beat() {
        ByteBuffer m = ByteBuffer.wrap(": beat\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Viewer v : viewers) {
            v.send(m);
        }
    }

    /** The state so far, as {@code /api/state} gives it. */
    synchronized ObjectNode stateDocument(boolean controls) {
        ObjectNode o = snapshot(controls);
        o.put("viewers", viewers.size());
        return o;
    }

    private ObjectNode snapshot(boolean controls) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run", run.getFileName() == null ? run.toString() : run.getFileName().toString());
        o.put("description", header == null ? "" : header.description());
        o.put("controls", controls);
        o.put("frames", frames);
        ArrayNode s = o.putArray("steps");
        for (StepRecord r : steps) {
            s.add(stepJson(r));
        }
        ArrayNode ev = o.putArray("evaluations");
        evaluations.forEach(e -> ev.add(evaluationJson(e)));
        ArrayNode es = o.putArray("events");
        events.forEach(e -> es.add(eventJson(e)));
        ArrayNode as = o.putArray("anomalies");
        anomalies.forEach(a -> as.add(JSON.valueToTree(a.toJson())));
        o.set("state", stateJson());
        return o;
    }

    private ObjectNode stateJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("state", state);
        return o;
    }

    /** A step as the page's timeline keeps it: [step, loss, gradNorm, updateNorm, updateRatio, finite]. */
    private static ArrayNode stepJson(StepRecord r) {
        ArrayNode a = JSON.createArrayNode();
        a.add(r.step());
        a.add(num(r.loss()));
        a.add(num(r.gradNorm()));
        a.add(num(r.updateNorm()));
        a.add(num(r.updateRatio()));
        a.add(r.finite() ? 1 : 0);
        return a;
    }

    private static double num(double v) {
        return Double.isFinite(v) ? v : 0; // JSON has no NaN: the finite flag says so
    }

    private static ObjectNode evaluationJson(Evaluation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("step", e.step());
        o.put("bleu", num(e.bleu()));
        return o;
    }

    private static ObjectNode eventJson(Event e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("step", e.step());
        o.put("kind", e.kind().spelling());
        o.put("text", e.text());
        return o;
    }

    @Override
    public void close() {
        running = false;
        follower.interrupt();
        for (Viewer v : viewers) {
            v.close();
        }
        viewers.clear();
    }
}

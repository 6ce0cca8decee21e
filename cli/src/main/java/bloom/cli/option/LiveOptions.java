package bloom.cli.option;

import bloom.cli.console.Console;
import bloom.live.LiveServer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --live [--port P] [--host H] [--public-view]}: the live page of a run. */
public final class LiveOptions {

    @Option(names = "--live", order = 70,
            description = "Serve the live page while this runs: the newest frame, the timeline of loss, norms and "
                    + "validation BLEU, anomalies and events as they happen, scrubbing, and controls (pause, resume, "
                    + "learning rate, mark, inject, stop). The URL with the run's token is printed.")
    public boolean live;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8720", order = 71,
            description = "Port of the live page; 0 takes any free one (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", order = 72,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every network).")
    public String host;

    @Option(names = "--public-view", order = 73,
            description = "Let anyone who can reach the page watch without the token; controls still need it.")
    public boolean publicView;

    public LiveServer.Settings settings() {
        if (port < 0 || port > 65535) {
            throw bloom.cli.BloomException.usage("--port " + port + ": expected 0 to 65535");
        }
        return new LiveServer.Settings(host, port, publicView);
    }

    /** Starts the page of {@code run} if --live was given (else null) and prints its address. */
    public LiveServer startIfAsked(Path run, PrintWriter err) throws IOException {
        return live ? start(run, err) : null;
    }

    /** Starts the page of {@code run} and prints its address. */
    public LiveServer start(Path run, PrintWriter err) throws IOException {
        LiveServer s = LiveServer.start(run, settings(), line -> Console.log(err, line));
        Console.log(err, "live page: " + s.url() + (publicView ? "  (watch without the token: " + s.viewUrl() + ")" : ""));
        return s;
    }

    /** Keeps serving until the process is interrupted (Ctrl-C). */
    public static void serveUntilInterrupted(LiveServer s, PrintWriter err, String why) {
        serveUntilInterrupted(s.url().toString(), err, why);
    }

    /** Keeps serving {@code url} until the process is interrupted (Ctrl-C). */
    public static void serveUntilInterrupted(String url, PrintWriter err, String why) {
        Console.log(err, why + "; the page stays up until Ctrl-C: " + url);
        Object forever = new Object();
        synchronized (forever) {
            try {
                forever.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

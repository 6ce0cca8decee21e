package bloom.cli.console;

import java.io.PrintWriter;

/**
 * Tells a user who interrupts a long command (Ctrl-C, SIGTERM) how to resume it. A command that
 * ends by itself, with an error or not, says nothing of resuming: its error says what to fix,
 * and a resume would fail the same way.
 */
public final class ResumeHint {

    /** Set when bloom itself ends the process, so the hook knows it is not an interruption. */
    private static volatile boolean exiting;

    private final Thread hook;
    private volatile boolean done;

    private ResumeHint(PrintWriter err, String command) {
        hook = new Thread(() -> {
            if (!done && !exiting) {
                err.println();
                err.println("bloom: interrupted; nothing recorded is lost. Resume with: " + command);
                err.flush();
            }
        }, "bloom-resume-hint");
    }

    /** bloom is ending the process itself: no hint. */
    public static void exiting() {
        exiting = true;
    }

    public static ResumeHint install(PrintWriter err, String command) {
        ResumeHint h = new ResumeHint(err, command);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    public void done() {
        done = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook sees done == true
        }
    }
}

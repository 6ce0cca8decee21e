package bloom.cli;

import java.io.PrintWriter;

/** Tells a user who interrupts a long command how to resume it. */
final class ResumeHint {

    private final Thread hook;
    private volatile boolean done;

    private ResumeHint(PrintWriter err, String command) {
        hook = new Thread(() -> {
            if (!done) {
                err.println();
                err.println("bloom: interrupted; nothing recorded is lost. Resume with: " + command);
                err.flush();
            }
        }, "bloom-resume-hint");
    }

    static ResumeHint install(PrintWriter err, String command) {
        ResumeHint h = new ResumeHint(err, command);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    void done() {
        done = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook sees done == true
        }
    }
}

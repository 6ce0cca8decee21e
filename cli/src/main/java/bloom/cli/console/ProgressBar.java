package bloom.cli.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error: redrawn in place on a terminal (at most ten times a second),
 * a plain line at every tenth of the work otherwise (logs, CI), so long runs always show life.
 */
public final class ProgressBar {

    private static final int WIDTH = 28;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private long lastDraw;
    /** Work already done when this bar first heard of it (a resumed run): not part of the rate. */
    private long baseline = -1;
    private int lastDecile = -1;
    private boolean finished;

    public ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on standard error, redrawn in place when a terminal is attached. */
    public static ProgressBar stderr(String label, long total, String unit) {
        return new ProgressBar(label, total, unit, System.err, System.console() != null);
    }

    public synchronized void update(long done, String detail) {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(done, detail) + "   ");
            out.flush();
        } else {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.println(line(done, detail));
            }
        }
    }

    /** A line above the bar, which goes on below it (a terminal redraws it at the next update). */
    public synchronized void note(String line) {
        if (interactive) {
            out.print("\r\033[K" + line + "\n");
            lastDraw = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    public synchronized void finish(String detail) {
        if (finished) {
            return;
        }
        if (interactive) {
            out.print("\r" + line(total, detail) + "   \n");
        } else if (lastDecile < 10) {
            out.println(line(total, detail));
        }
        out.flush();
        finished = true;
    }

    private String line(long done, String detail) {
        if (baseline < 0) {
            baseline = done;
        }
        double f = Math.min(1, done / (double) total);
        int filled = (int) Math.round(f * WIDTH);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long progressed = done - baseline;
        String eta = progressed > 0 && done < total ? " eta " + duration(elapsed / progressed * (total - done)) : "";
        return String.format(Locale.ROOT, "%-10s [%s%s] %3d%% %d/%d %s%s%s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) (f * 100), done, total, unit,
                detail == null || detail.isEmpty() ? "" : "  " + detail, eta.isEmpty() ? "  " + duration(elapsed) : eta);
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}

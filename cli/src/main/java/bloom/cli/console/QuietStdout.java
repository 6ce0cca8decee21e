package bloom.cli.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output without the lines ND4J's SameDiff prints unconditionally with
 * {@code System.out.println} ("Added differentiated op ...") when the attention layer first
 * builds its gradient graph. Bloom's standard output carries results (file paths, benchmark
 * figures) that scripts read, so it must carry nothing else.
 */
public final class QuietStdout extends OutputStream {

    private static final String NOISE = "Added differentiated op ";

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(PrintStream target) {
        this.target = target;
    }

    public static PrintStream wrap(PrintStream out) {
        return new PrintStream(new QuietStdout(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0 && !startsWithNoise()) {
            flushLine();
        }
        target.flush();
    }

    private boolean startsWithNoise() {
        String s = line.toString(StandardCharsets.UTF_8);
        return NOISE.startsWith(s) || s.startsWith(NOISE);
    }

    private void flushLine() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!s.startsWith(NOISE)) {
            target.print(s);
        }
    }
}

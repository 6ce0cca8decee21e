package bloom.cli.console;

import java.io.PrintWriter;

/** Lines for the person at the terminal. */
public final class Console {

    private Console() {}

    /** One "bloom: " line per line of {@code message}, control characters (escape codes) made visible. */
    public static void log(PrintWriter err, String message) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            sb.append(sb.length() == 0 ? "" : "\n").append("bloom: ").append(Text.printable(line));
        }
        err.println(sb);
        err.flush();
    }
}

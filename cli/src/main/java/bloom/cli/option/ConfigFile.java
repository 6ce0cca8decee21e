package bloom.cli.option;

import bloom.cli.BloomException;
import bloom.cli.console.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file: one {@code option = value} per line, the option's long name without
 * dashes ({@code batches = 400}); a line starting with {@code #} is a comment; blank lines are ignored. Every
 * key must name an option of the command it is used with, so a typo is an error, not a silent
 * default. A run directory's {@code config.properties} is such a file.
 *
 * <p>In a value, a backslash starts an escape: {@code \\} for a backslash, {@code \n},
 * {@code \r}, {@code \t}, {@code \s} for a space (leading and trailing spaces are otherwise
 * stripped) and {@code \}{@code uXXXX} for any other character, so a path holding a newline
 * survives the round trip.
 */
public final class ConfigFile {

    /** One setting with where it came from. */
    public record Entry(String key, String value, int line) {}

    private final Path file;
    private final Map<String, Entry> entries;

    private ConfigFile(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static ConfigFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BloomException.badInput(file + ": configuration file not found");
        } catch (IOException e) {
            throw BloomException.badInput(file + ": cannot read configuration (" + e.getMessage() + ")");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw BloomException.badInput(file + ":" + (i + 1) + ": expected 'option = value', found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = unescape(line.substring(eq + 1).strip(), file, i + 1);
            if (key.startsWith("-")) {
                throw BloomException.badInput(file + ":" + (i + 1) + ": write the option without dashes ('" + key.replaceFirst("^-+", "") + " = ...')");
            }
            if (entries.containsKey(key)) {
                throw BloomException.badInput(file + ":" + (i + 1) + ": '" + key + "' is already set on line " + entries.get(key).line());
            }
            entries.put(key, new Entry(key, value, i + 1));
        }
        return new ConfigFile(file, entries);
    }

    public Path file() {
        return file;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /**
     * Writes settings in the order given, under a comment header, atomically: to a temporary
     * file, flushed to disk, then renamed over {@code file}, so a full disk or a kill leaves
     * either the old file or the new one, never a part.
     */
    public static void write(Path file, String header, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String h : header.split("\n")) {
            sb.append("# ").append(Text.printable(h)).append('\n');
        }
        values.forEach((k, v) -> sb.append(k).append(" = ").append(escape(v)).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A value as written: backslashes, control characters and edge spaces escaped. */
    public static String escape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case ' ' -> sb.append(i == 0 || i == v.length() - 1 ? "\\s" : " ");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    public static String unescape(String v, Path file, int line) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = i + 1 < v.length() ? v.charAt(++i) : 0;
            switch (e) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 's' -> sb.append(' ');
                case 'u' -> {
                    try {
                        sb.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException x) {
                        throw badEscape(file, line, v.substring(i - 1, Math.min(v.length(), i + 5)));
                    }
                    i += 4;
                }
                default -> throw badEscape(file, line, e == 0 ? "\\" : "\\" + e);
            }
        }
        return sb.toString();
    }

    private static BloomException badEscape(Path file, int line, String found) {
        return BloomException.badInput(file + ":" + line + ": unknown escape '" + found
                + "' (expected \\\\, \\n, \\r, \\t, \\s or \\uXXXX; write a backslash as \\\\)");
    }
}

package bloom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file: one {@code option = value} per line, the option's long name without
 * dashes ({@code batches = 400}); a line starting with {@code #} is a comment; blank lines are ignored. Every
 * key must name an option of the command it is used with, so a typo is an error, not a silent
 * default. A run directory's {@code config.properties} is such a file.
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
            String value = line.substring(eq + 1).strip();
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

    /** Writes settings in the order given, under a comment header. */
    public static void write(Path file, String header, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String h : header.split("\n")) {
            sb.append("# ").append(h).append('\n');
        }
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}

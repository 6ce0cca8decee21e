package bloom.cli.option;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {

    /** Values a path can hold come back as they went in: newlines, backslashes, edge spaces, escape codes. */
    @Test
    void everyValueSurvivesTheRoundTrip(@TempDir Path tmp) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("out", "runs/a\nb = c");
        values.put("corpus", "C:\\data\\\\x.tsv");
        values.put("genome", "  padded  ");
        values.put("source", "\u001b[31mred\u001b[0m\ttab\r\u0000");
        values.put("target", "\\u0041 and \\s literally");
        values.put("batches", "400");
        Path f = tmp.resolve("config.properties");
        ConfigFile.write(f, "header line\nsecond \u001b[2J", values);
        Map<String, ConfigFile.Entry> read = ConfigFile.read(f).entries();
        assertEquals(values.keySet(), read.keySet());
        values.forEach((k, v) -> assertEquals(v, read.get(k).value(), k));
        assertEquals(values.size() + 2, Files.readAllLines(f).size(), "one line per value");
        assertTrue(Files.readString(f).chars().noneMatch(c -> c == 0x1b), "no raw escape code in the file");
    }

    @Test
    void anUnknownEscapeNamesTheLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.properties");
        Files.writeString(f, "# comment\nbatches = 4\ncorpus = a\\qb\n");
        BloomException e = assertThrows(BloomException.class, () -> ConfigFile.read(f));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(f + ":3: unknown escape '\\q'"), e.getMessage());
        Files.writeString(f, "corpus = a\\u12\n");
        e = assertThrows(BloomException.class, () -> ConfigFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: unknown escape '\\u12'"), e.getMessage());
    }

    /** A write that fails part-way (here: its temporary file cannot be made) leaves the old file whole. */
    @Test
    void aFailedWriteLeavesTheOldFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("config.properties");
        ConfigFile.write(f, "first", Map.of("batches", "400"));
        String before = Files.readString(f);
        Files.createDirectory(tmp.resolve("config.properties.tmp"));
        assertThrows(IOException.class, () -> ConfigFile.write(f, "second", Map.of("batches", "800")));
        assertEquals(before, Files.readString(f));
    }
}

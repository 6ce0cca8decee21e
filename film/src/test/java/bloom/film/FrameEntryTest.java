package bloom.film;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** frames.json has one schema: written and read as {@link FrameEntry}, non-finite values as null. */
class FrameEntryTest {

    @Test
    void roundTripsWithNullsForWhatWasNotFinite(@TempDir Path dir) throws IOException {
        List<FrameEntry> entries = List.of(
                new FrameEntry(0, 1, 0, 80.5, 3.0, 1.5, 0.02, true, 1.0, null, 0.0, "abc"),
                new FrameEntry(1, 2, 0, null, null, null, null, false, null, 0.25, 1.5, "def"));
        Path f = dir.resolve("frames.json");
        FrameEntry.write(f, entries);
        assertEquals(entries, FrameEntry.read(f));
        String text = Files.readString(f);
        assertTrue(text.contains("\"loss\" : null") && !text.contains("NaN"), text);
        assertTrue(Double.isNaN(FrameEntry.value(entries.get(1).loss())));
    }

    @Test
    void aBrokenIndexNamesItsFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("frames.json"), "[ {\"frame\": 0, \"step\": \"x\" } ]");
        IOException e = assertThrows(IOException.class, () -> FrameEntry.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a frame index"), e.getMessage());
    }
}

package bloom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resumed run keeps the options it was started with. */
class ResumeOptionsTest {

    @Test
    void resumingWithOtherOptionsIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.properties"), "# bloom run\nbatches = 400\nhidden = 64\n");
        Cli c = Cli.run("run", "--out", dir.toString(), "--hidden", "128");
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertTrue(c.error().contains("'hidden = 128' differs from the run being resumed (hidden = 64"), c.err());
        Path cfg = Files.writeString(dir.resolveSibling(dir.getFileName() + ".properties"), "batches = 10\n");
        Cli d = Cli.run("run", "--out", dir.toString(), "--config", cfg.toString());
        assertEquals(ExitCodes.USAGE, d.exitCode());
        assertTrue(d.error().contains(cfg + ":1: 'batches = 10' differs"), d.err());
    }
}

package bloom.cli;

import bloom.film.FilmException;
import bloom.film.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One process at a time on a run directory: a second {@code bloom run}, {@code train} or
 * {@code render} on it is refused with one line naming the holder, and a holder killed with
 * SIGKILL leaves nothing that blocks the resume.
 */
class RunLockTest {

    private static final String[] TRAIN = {"train", "--batches", "400", "--train-pairs", "3000", "--test-pairs", "20",
            "--valid-every", "0", "--checkpoint-every", "10"};

    @Test
    void aSecondProcessIsRefusedNamingTheHolderAndAKilledHolderBlocksNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of(TRAIN));
        args.add("--out");
        args.add(dir.toString());
        Process holder = LiveRenderTest.bloom(args, tmp.resolve("holder.log"));
        LiveRenderTest.awaitWhileAlive(holder, () -> Files.exists(dir.resolve("trace.bin")), 120);
        assertTrue(holder.isAlive(), "the first training ended early: " + Files.readString(tmp.resolve("holder.log")));
        try {
            for (String[] second : new String[][] {
                    {"train", "--batches", "400", "--train-pairs", "3000", "--test-pairs", "20", "--out", dir.toString()},
                    {"run", "--batches", "400", "--train-pairs", "3000", "--out", dir.toString()},
                    {"render", dir.toString(), "--size", "32x18", "--quality", "1"}}) {
                Cli c = Cli.run(second);
                assertEquals(ExitCodes.UNAVAILABLE, c.exitCode(), c.toString());
                String line = c.err().strip();
                assertEquals(1, line.lines().count(), "one line: " + line);
                assertTrue(line.contains("in use by process " + holder.pid() + " (bloom train"), line);
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertTrue(Files.exists(dir.resolve(RunLock.FILE)), "the killed holder's lock file stays");
        Cli resumed = Cli.run(args.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.err().contains("resuming"), resumed.err());
        assertEquals("", Files.readString(dir.resolve(RunLock.FILE)), "a finished command clears the lock file");
    }

    @Test
    void theLockIsHeldWithinOneProcessTooAndReleasedOnClose(@TempDir Path tmp) {
        try (RunLock a = RunLock.acquire(tmp, "bloom test")) {
            FilmException e = assertThrows(FilmException.class, () -> RunLock.acquire(tmp, "bloom other"));
            assertEquals(FilmException.Kind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid() + " (bloom test"), e.getMessage());
        }
        try (RunLock b = RunLock.acquire(tmp, "bloom again")) {
            assertEquals(tmp, b.dir());
        }
    }
}

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

    /**
     * Asking who holds a run (the live page does, twice a second) must not release the lock:
     * closing any channel of the lock file, even one opened only to read it, would.
     */
    @Test
    void askingWhoHoldsTheRunKeepsTheLock(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(RunLock.FILE);
        try (RunLock a = RunLock.acquire(tmp, "bloom test")) {
            long inode = (Long) Files.getAttribute(file, "unix:ino");
            for (int i = 0; i < 3; i++) {
                assertTrue(RunLock.holder(tmp).contains("(bloom test"), RunLock.holder(tmp));
            }
            assertThrows(FilmException.class, () -> RunLock.acquire(tmp, "bloom other"));
            String locks = Files.readString(Path.of("/proc/locks"));
            assertTrue(locks.contains(":" + String.format("%d", inode) + " "),
                    "the kernel still lists the lock of inode " + inode + ":\n" + locks);
        }
        assertEquals(null, RunLock.holder(tmp));
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

package bloom.film;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One process at a time on a run directory. The lock is the operating system's lock on
 * {@code DIR/bloom.lock}, which also holds the holder's process id and command for the message
 * a second process gets. The system releases the lock when its process ends, however it ends
 * (kill -9 included), so a file left by a killed process never blocks a resume: the next
 * command takes the lock and rewrites the file. A command that ends empties it. (The file is
 * never deleted: a process waiting on a deleted file's lock could run beside one that made a
 * new file.)
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE = "bloom.lock";

    /**
     * The lock files this process holds. Asking about one of them must not open and close a
     * second channel on it, not even to read it: closing any channel of a file releases every lock
     * the process has on it. Each maps to the holder line written into it.
     */
    private static final java.util.Map<Path, String> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} (which must exist) for {@code command}, or refuses naming the holder. */
    public static RunLock acquire(Path dir, String command) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file) && HELD.containsKey(key(file))) {
            throw new FilmException(FilmException.Kind.UNAVAILABLE, dir + ": in use by " + HELD.get(key(file))
                    + "; wait for it to finish or stop it (one process at a time per run directory)");
        }
        FileChannel ch = null;
        FileLock l;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // this process holds it already
            }
            if (l != null) {
                String me = "process " + ProcessHandle.current().pid() + " (" + command + ", since "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(true);
                HELD.put(key(file), me);
                return new RunLock(dir, ch, l);
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw new FilmException(FilmException.Kind.IO, file + ": cannot create the run directory's lock (" + e.getMessage() + ")");
        }
        closeQuietly(ch);
        throw new FilmException(FilmException.Kind.UNAVAILABLE, dir + ": in use by " + holderLine(file)
                + "; wait for it to finish or stop it (one process at a time per run directory)");
    }

    /** Who holds {@code dir}'s lock now ("process 123 (bloom run, since …)"), or null if nobody does. */
    public static String holder(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        String mine = HELD.get(key(file));
        if (mine != null) {
            return mine;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return "this process";
            }
            if (l != null) {
                l.release();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return holderLine(file);
    }

    private static Path key(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String holderLine(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another process" : s;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        HELD.remove(key(dir.resolve(FILE)));
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // a stale holder line blocks nobody once the lock is released
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}

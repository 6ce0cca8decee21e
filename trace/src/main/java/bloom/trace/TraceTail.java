package bloom.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a trace file that another thread or process is writing: each {@link #poll()} returns
 * the whole records appended since the last one, in file order (a header, steps, snapshots,
 * evaluations, events). A record still being written waits for the next poll. When the file
 * gets shorter (a resumed run cut it back to its checkpoint) the tail starts again from the
 * beginning and {@link #poll()} returns {@link #RESTART} first.
 */
public final class TraceTail {

    /** Returned first by a poll after the file was cut back: what was read before no longer holds. */
    public static final Object RESTART = new Object();

    private final Path file;
    private long offset;
    private byte[] pending = new byte[0];

    public TraceTail(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The records appended since the last poll; empty if none (or no file yet). */
    public List<Object> poll() throws IOException {
        List<Object> out = new ArrayList<>();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return out;
        }
        if (size < offset) {
            offset = 0;
            pending = new byte[0];
            out.add(RESTART);
        }
        if (size == offset) {
            return out;
        }
        byte[] fresh;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, size - offset));
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // read what is there
            }
            fresh = Arrays.copyOf(b.array(), b.position());
        } catch (NoSuchFileException e) {
            return out;
        }
        offset += fresh.length;
        byte[] bytes = new byte[pending.length + fresh.length];
        System.arraycopy(pending, 0, bytes, 0, pending.length);
        System.arraycopy(fresh, 0, bytes, pending.length, fresh.length);
        int pos = 0;
        if (offset - bytes.length == 0) { // the file's start
            if (bytes.length < TraceFormat.MAGIC.length) {
                pending = bytes;
                return out;
            }
            if (!Arrays.equals(Arrays.copyOf(bytes, TraceFormat.MAGIC.length), TraceFormat.MAGIC)) {
                throw new TraceException(file + ": not a Bloom trace (bad magic number)");
            }
            pos = TraceFormat.MAGIC.length;
        }
        while (bytes.length - pos >= 9) {
            int length = Trace.recordAt(bytes, pos);
            if (length < 0) {
                int declared = ByteBuffer.wrap(bytes).getInt(pos);
                if (declared >= 1 && declared <= TraceFormat.MAX_RECORD && (long) declared + 8 > bytes.length - pos) {
                    break; // still being written
                }
                int next = pos + 1; // damaged: go on at the next whole record, if one has arrived
                while (bytes.length - next >= 9 && Trace.recordAt(bytes, next) < 0) {
                    next++;
                }
                if (bytes.length - next < 9) {
                    break;
                }
                pos = next;
                continue;
            }
            out.add(Trace.decode(bytes[pos + 4], ByteBuffer.wrap(bytes, pos + 5, length - 1).slice()));
            pos += 4 + length + 4;
        }
        pending = Arrays.copyOfRange(bytes, pos, bytes.length);
        return out;
    }
}

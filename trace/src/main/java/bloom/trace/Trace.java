package bloom.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A trace read into memory: its header, step records in step order, embedding snapshots, and
 * where each record ends in the file. A damaged record inside the file (a flipped bit, a bad
 * sector) is skipped, exactly that record, and listed in {@link #damaged()}: reading goes on at
 * the next whole record. Damage with no whole record after it is the tail of a killed run,
 * cut there, and counted by {@link #damagedTail()}.
 */
public final class Trace {

    /** The trace's file name in a run directory. */
    public static final String FILE = "trace.bin";

    /**
     * A damaged stretch of the file that reading skipped.
     *
     * @param offset    its first byte
     * @param length    bytes skipped
     * @param afterStep the last step read before it (0: none)
     * @param step      the step it was, where its step field still says so; -1 if unknown
     */
    public record Damage(long offset, long length, long afterStep, long step) {
        /** "record at byte 1234 (step 29)" or "record at byte 1234 (after step 28)". */
        public String describe() {
            return "record at byte " + offset + " (" + (step >= 0 ? "step " + step : "after step " + afterStep) + ")";
        }
    }

    private final TraceHeader header;
    private final List<StepRecord> steps;
    private final List<EmbeddingSnapshot> snapshots;
    private final List<Evaluation> evaluations;
    private final List<Event> events;
    private final List<Damage> damaged;
    private final List<long[]> ends; // {step, end offset} per record, in file order
    private final long validLength;
    private final long fileLength;

    private Trace(TraceHeader header, List<StepRecord> steps, List<EmbeddingSnapshot> snapshots, List<Evaluation> evaluations,
                  List<Event> events, List<Damage> damaged, List<long[]> ends, long validLength, long fileLength) {
        this.damaged = List.copyOf(damaged);
        this.header = header;
        this.steps = List.copyOf(steps);
        this.snapshots = List.copyOf(snapshots);
        this.evaluations = List.copyOf(evaluations);
        this.events = List.copyOf(events);
        this.ends = ends;
        this.validLength = validLength;
        this.fileLength = fileLength;
    }

    public static Trace read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TraceException(file + ": trace not found (is this a Bloom run directory?)");
        }
        if (bytes.length < TraceFormat.MAGIC.length
                || !Arrays.equals(Arrays.copyOf(bytes, TraceFormat.MAGIC.length), TraceFormat.MAGIC)) {
            throw new TraceException(file + ": not a Bloom trace (bad magic number)");
        }
        TraceHeader header = null;
        List<StepRecord> steps = new ArrayList<>();
        List<EmbeddingSnapshot> snapshots = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Damage> damaged = new ArrayList<>();
        List<long[]> ends = new ArrayList<>();
        int pos = TraceFormat.MAGIC.length;
        long valid = pos;
        long lastStep = 0;
        while (bytes.length - pos >= 9) {
            int length = recordAt(bytes, pos);
            if (length < 0) {
                // A damaged record: skip to the next whole one, if there is one; else this is the cut tail.
                int next = pos + 1;
                while (bytes.length - next >= 9 && recordAt(bytes, next) < 0) {
                    next++;
                }
                if (bytes.length - next < 9) {
                    break;
                }
                damaged.add(new Damage(pos, next - pos, lastStep, stepOf(bytes, pos, lastStep)));
                pos = next;
                continue;
            }
            Object item = decode(bytes[pos + 4], ByteBuffer.wrap(bytes, pos + 5, length - 1).slice());
            long step;
            if (item instanceof TraceHeader h) {
                header = h;
                step = -1;
            } else if (item instanceof StepRecord r) {
                steps.add(r);
                step = lastStep = r.step();
            } else if (item instanceof EmbeddingSnapshot e) {
                step = e.step();
                if (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() == step) {
                    snapshots.remove(snapshots.size() - 1); // a resumed run re-took it: keep one
                }
                snapshots.add(e);
            } else if (item instanceof Evaluation e) {
                step = e.step();
                if (!evaluations.isEmpty() && evaluations.get(evaluations.size() - 1).step() == step) {
                    evaluations.remove(evaluations.size() - 1);
                }
                evaluations.add(e);
            } else {
                Event e = (Event) item;
                step = e.step();
                events.add(e);
            }
            pos += 4 + length + 4;
            valid = pos;
            ends.add(new long[] {step, valid});
        }
        if (header == null) {
            throw new TraceException(file + ": trace has no header record");
        }
        return new Trace(header, steps, snapshots, evaluations, events, damaged, ends, valid, bytes.length);
    }

    /** The record of {@code type} whose payload is {@code rec}: a header, step, snapshot, evaluation or event. */
    static Object decode(byte type, ByteBuffer rec) {
        switch (type) {
            case TraceFormat.HEADER -> {
                int k = rec.getInt();
                long seed = rec.getLong();
                long params = rec.getLong();
                String description = readUtf(rec);
                int special = rec.remaining() >= 4 ? rec.getInt() : TraceHeader.LEGACY_SPECIAL_ROWS;
                return new TraceHeader(k, seed, params, description, special);
            }
            case TraceFormat.STEP -> {
                long step = rec.getLong();
                int epoch = rec.getInt();
                double loss = rec.getDouble();
                double grad = rec.getDouble();
                double upd = rec.getDouble();
                double par = rec.getDouble();
                float[] sketch = new float[rec.getInt()];
                for (int i = 0; i < sketch.length; i++) {
                    sketch[i] = rec.getFloat();
                }
                return new StepRecord(step, epoch, loss, grad, upd, par, sketch);
            }
            case TraceFormat.EMBEDDINGS -> {
                long step = rec.getLong();
                int rows = rec.getInt();
                int cols = rec.getInt();
                float[] v = new float[rows * cols];
                rec.asFloatBuffer().get(v);
                return new EmbeddingSnapshot(step, rows, cols, v);
            }
            case TraceFormat.EVALUATION -> {
                long step = rec.getLong();
                double bleu = rec.getDouble();
                return new Evaluation(step, bleu, rec.getInt());
            }
            case TraceFormat.EVENT -> {
                long step = rec.getLong();
                Event.Kind kind = Event.Kind.values()[rec.get()];
                byte[] text = new byte[rec.getShort() & 0xffff];
                rec.get(text);
                return new Event(step, kind, new String(text, java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> throw new IllegalStateException("recordAt accepted type " + type);
        }
    }

    /**
     * The length of the whole record starting at {@code pos}, or -1 unless it is one: a known
     * type, a length that fits the file and agrees with the record's own counts (sketch size,
     * rows and columns), and a matching checksum.
     */
    static int recordAt(byte[] b, int pos) {
        if (b.length - pos < 9) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        int length = in.getInt(pos);
        if (length < 1 || length > TraceFormat.MAX_RECORD || (long) length + 8 > b.length - pos) {
            return -1;
        }
        int p = pos + 5; // payload
        long expected;
        switch (b[pos + 4]) {
            case TraceFormat.HEADER -> {
                // since special rows were named, an int follows the description; before, nothing
                long base = length >= 23 ? 1 + 4 + 8 + 8 + 2 + (in.getShort(p + 20) & 0xffff) : -1;
                expected = base >= 0 && length == base + 4 ? base + 4 : base;
            }
            case TraceFormat.STEP -> expected = length >= 49 ? 1 + 8 + 4 + 32 + 4 + 4L * in.getInt(p + 44) : -1;
            case TraceFormat.EMBEDDINGS -> expected = length >= 17 ? 1 + 8 + 4 + 4 + 4L * in.getInt(p + 8) * in.getInt(p + 12) : -1;
            case TraceFormat.EVALUATION -> expected = 1 + 8 + 8 + 4;
            case TraceFormat.EVENT -> expected = length >= 12 && (b[p + 8] & 0xff) < Event.Kind.values().length
                    ? 1 + 8 + 1 + 2 + (in.getShort(p + 9) & 0xffff) : -1;
            default -> expected = -1;
        }
        if (expected != length) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(b, pos + 4, length);
        return in.getInt(pos + 4 + length) == (int) crc.getValue() ? length : -1;
    }

    /** The step a damaged record was, if its step field still reads as the one after {@code lastStep}; else -1. */
    private static long stepOf(byte[] b, int pos, long lastStep) {
        if (b.length - pos >= 13) { // even with its type byte hit: every record has its step there
            long s = ByteBuffer.wrap(b).getLong(pos + 5);
            if (s == lastStep + 1) {
                return s;
            }
        }
        return -1;
    }

    private static String readUtf(ByteBuffer b) {
        int len = b.getShort() & 0xffff;
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, java.nio.charset.StandardCharsets.UTF_8); // modified UTF-8 equals UTF-8 for text without NUL
    }

    public TraceHeader header() {
        return header;
    }

    public List<StepRecord> steps() {
        return steps;
    }

    public List<EmbeddingSnapshot> snapshots() {
        return snapshots;
    }

    /** Validation scores measured during training, in step order. */
    public List<Evaluation> evaluations() {
        return evaluations;
    }

    /** Controls that took effect during training, in the order they did. */
    public List<Event> events() {
        return events;
    }

    /** Damaged records inside the file, skipped, in file order. */
    public List<Damage> damaged() {
        return damaged;
    }

    /** Bytes after the last complete record: non-zero after a crash mid-write. */
    public long damagedTail() {
        return fileLength - validLength;
    }

    public long lastStep() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
    }

    /** File offset just after the last record whose step is at most {@code step} (header included). */
    long offsetAfter(long step) {
        long keep = TraceFormat.MAGIC.length;
        for (long[] e : ends) {
            if (e[0] <= step) {
                keep = e[1];
            } else {
                break;
            }
        }
        return keep;
    }
}

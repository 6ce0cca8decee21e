package bloom.nmt.trace;

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
 * where each record ends in the file. Reading stops at the first incomplete or corrupt record
 * (the tail of a killed run) and says so in {@link #damagedTail()}.
 */
public final class Trace {

    private final TraceHeader header;
    private final List<StepRecord> steps;
    private final List<EmbeddingSnapshot> snapshots;
    private final List<Evaluation> evaluations;
    private final List<long[]> ends; // {step, end offset} per record, in file order
    private final long validLength;
    private final long fileLength;

    private Trace(TraceHeader header, List<StepRecord> steps, List<EmbeddingSnapshot> snapshots, List<Evaluation> evaluations,
                  List<long[]> ends, long validLength, long fileLength) {
        this.header = header;
        this.steps = List.copyOf(steps);
        this.snapshots = List.copyOf(snapshots);
        this.evaluations = List.copyOf(evaluations);
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
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(TraceFormat.MAGIC.length);
        TraceHeader header = null;
        List<StepRecord> steps = new ArrayList<>();
        List<EmbeddingSnapshot> snapshots = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        List<long[]> ends = new ArrayList<>();
        long valid = in.position();
        while (in.remaining() >= 9) {
            int start = in.position();
            int length = in.getInt();
            if (length < 1 || length > TraceFormat.MAX_RECORD || in.remaining() < length + 4) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, start + 4, length);
            int stored = ByteBuffer.wrap(bytes, start + 4 + length, 4).getInt();
            if (stored != (int) crc.getValue()) {
                break;
            }
            ByteBuffer rec = ByteBuffer.wrap(bytes, start + 5, length - 1).slice();
            byte type = bytes[start + 4];
            long step;
            switch (type) {
                case TraceFormat.HEADER -> {
                    int k = rec.getInt();
                    long seed = rec.getLong();
                    long params = rec.getLong();
                    header = new TraceHeader(k, seed, params, readUtf(rec));
                    step = -1;
                }
                case TraceFormat.STEP -> {
                    step = rec.getLong();
                    int epoch = rec.getInt();
                    double loss = rec.getDouble();
                    double grad = rec.getDouble();
                    double upd = rec.getDouble();
                    double par = rec.getDouble();
                    float[] sketch = new float[rec.getInt()];
                    for (int i = 0; i < sketch.length; i++) {
                        sketch[i] = rec.getFloat();
                    }
                    steps.add(new StepRecord(step, epoch, loss, grad, upd, par, sketch));
                }
                case TraceFormat.EMBEDDINGS -> {
                    step = rec.getLong();
                    int rows = rec.getInt();
                    int cols = rec.getInt();
                    float[] v = new float[rows * cols];
                    rec.asFloatBuffer().get(v);
                    if (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).step() == step) {
                        snapshots.remove(snapshots.size() - 1); // a resumed run re-took it: keep one
                    }
                    snapshots.add(new EmbeddingSnapshot(step, rows, cols, v));
                }
                case TraceFormat.EVALUATION -> {
                    step = rec.getLong();
                    double bleu = rec.getDouble();
                    int n = rec.getInt();
                    if (!evaluations.isEmpty() && evaluations.get(evaluations.size() - 1).step() == step) {
                        evaluations.remove(evaluations.size() - 1);
                    }
                    evaluations.add(new Evaluation(step, bleu, n));
                }
                default -> throw new TraceException(file + ": unknown record type " + type + " at byte " + start
                        + " (written by a newer Bloom?)");
            }
            in.position(start + 4 + length + 4);
            valid = in.position();
            ends.add(new long[] {step, valid});
        }
        if (header == null) {
            throw new TraceException(file + ": trace has no header record");
        }
        return new Trace(header, steps, snapshots, evaluations, ends, valid, bytes.length);
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

package bloom.trace;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Appends records to a trace file. Each record reaches the operating system when it is written,
 * so a killed process loses nothing already recorded; {@link #sync()} also forces it to disk.
 * Not thread-safe.
 */
public final class TraceWriter implements TraceSink, AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream data = new DataOutputStream(buffer);

    private TraceWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates a new trace; fails if the file exists. */
    public static TraceWriter create(Path file, TraceHeader header) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        TraceWriter w = new TraceWriter(file, ch);
        w.writeFully(ByteBuffer.wrap(TraceFormat.MAGIC));
        w.begin(TraceFormat.HEADER);
        w.data.writeInt(header.sketchDims());
        w.data.writeLong(header.sketchSeed());
        w.data.writeLong(header.parameters());
        w.data.writeUTF(header.description());
        w.data.writeInt(header.specialRows());
        w.end();
        return w;
    }

    /**
     * Continues an existing trace after its last complete record at or before {@code lastStep}:
     * anything after that (a partial record, steps a resumed run will redo) is cut off first.
     */
    public static TraceWriter resume(Path file, long lastStep) throws IOException {
        Trace trace = Trace.read(file);
        long keep = trace.offsetAfter(lastStep);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        ch.truncate(keep);
        ch.position(keep);
        ch.force(true);
        return new TraceWriter(file, ch);
    }

    public Path file() {
        return file;
    }

    @Override
    public void step(StepRecord r) {
        try {
            begin(TraceFormat.STEP);
            data.writeLong(r.step());
            data.writeInt(r.epoch());
            data.writeDouble(r.loss());
            data.writeDouble(r.gradNorm());
            data.writeDouble(r.updateNorm());
            data.writeDouble(r.paramNorm());
            data.writeInt(r.sketchDims());
            for (int i = 0; i < r.sketchDims(); i++) {
                data.writeFloat(r.sketch(i));
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write trace " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void embeddings(EmbeddingSnapshot s) {
        try {
            begin(TraceFormat.EMBEDDINGS);
            data.writeLong(s.step());
            data.writeInt(s.rows());
            data.writeInt(s.cols());
            float[] v = s.values();
            for (float f : v) {
                data.writeFloat(f);
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write trace " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void evaluation(Evaluation e) {
        try {
            begin(TraceFormat.EVALUATION);
            data.writeLong(e.step());
            data.writeDouble(e.bleu());
            data.writeInt(e.sentences());
            end();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write trace " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void event(Event e) {
        try {
            begin(TraceFormat.EVENT);
            data.writeLong(e.step());
            data.writeByte(e.kind().ordinal());
            byte[] text = e.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            data.writeShort(text.length);
            data.write(text);
            end();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write trace " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Forces everything written so far to the storage device. */
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.force(false);
        channel.close();
    }

    private void begin(byte type) throws IOException {
        buffer.reset();
        data.writeInt(0); // length, patched in end()
        data.writeByte(type);
    }

    private void end() throws IOException {
        data.flush();
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length - 4;
        ByteBuffer.wrap(bytes).putInt(0, length);
        CRC32 crc = new CRC32();
        crc.update(bytes, 4, length);
        ByteBuffer record = ByteBuffer.allocate(bytes.length + 4);
        record.put(bytes).putInt((int) crc.getValue()).flip();
        writeFully(record);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Convenience for tests and tools: whether a trace file is present. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}

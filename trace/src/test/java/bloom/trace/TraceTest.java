package bloom.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceTest {

    @TempDir
    Path dir;

    private static StepRecord step(long s) {
        return new StepRecord(s, (int) (s / 10), 3.0 / s, 2.0 * s, 0.1 * s, 50, new float[] {s, -s, 0.5f});
    }

    private Path write(int steps) throws IOException {
        Path f = dir.resolve("trace.bin");
        try (TraceWriter w = TraceWriter.create(f, new TraceHeader(3, 9, 1234, "test"))) {
            w.embeddings(new EmbeddingSnapshot(0, 2, 2, new float[] {1, 2, 3, 4}));
            for (int s = 1; s <= steps; s++) {
                w.step(step(s));
                if (s % 5 == 0) {
                    w.embeddings(new EmbeddingSnapshot(s, 2, 2, new float[] {s, 0, 0, s}));
                }
            }
        }
        return f;
    }

    @Test
    void roundTripsEveryRecord() throws IOException {
        Trace t = Trace.read(write(12));
        assertEquals(new TraceHeader(3, 9, 1234, "test"), t.header());
        assertEquals(12, t.steps().size());
        assertEquals(3, t.snapshots().size());
        StepRecord r = t.steps().get(6);
        assertEquals(7, r.step());
        assertEquals(3.0 / 7, r.loss());
        assertArrayEquals(new float[] {7, -7, 0.5f}, r.sketch());
        assertEquals(0.7 / 50, r.updateRatio(), 1e-12);
        assertEquals(0, t.damagedTail());
    }

    @Test
    void eventsRoundTripWithTheirTextAndSurviveAResumeUpToTheirStep() throws IOException {
        Path f = dir.resolve("events.bin");
        String mark = "gradients <script>alert('x')</script> ñ 🌸 \n\t";
        try (TraceWriter w = TraceWriter.create(f, new TraceHeader(3, 9, 1234, "test"))) {
            w.event(new Event(0, Event.Kind.PAUSE, ""));
            w.step(step(1));
            w.event(new Event(1, Event.Kind.LEARNING_RATE, "0.001"));
            w.event(new Event(1, Event.Kind.MARK, mark));
            w.step(step(2));
            w.event(new Event(2, Event.Kind.INJECT, "lr-spike"));
            w.step(step(3));
            w.event(new Event(3, Event.Kind.STOP, ""));
        }
        Trace t = Trace.read(f);
        assertEquals(java.util.List.of(new Event(0, Event.Kind.PAUSE, ""), new Event(1, Event.Kind.LEARNING_RATE, "0.001"),
                new Event(1, Event.Kind.MARK, mark), new Event(2, Event.Kind.INJECT, "lr-spike"),
                new Event(3, Event.Kind.STOP, "")), t.events());
        assertEquals(3, t.steps().size());
        try (TraceWriter w = TraceWriter.resume(f, 1)) {
            w.step(step(2));
        }
        Trace resumed = Trace.read(f);
        assertEquals(3, resumed.events().size(), "events after the resumed step are cut with their steps");
        assertEquals(mark, resumed.events().get(2).text());
        assertEquals(2, resumed.lastStep());
        for (Event.Kind k : Event.Kind.values()) {
            assertEquals(k, Event.Kind.parse(k.spelling()));
        }
    }

    @Test
    void aTailSeesEveryRecordOnceWhileTheFileGrowsByteByByteAndStartsAgainAfterACut() throws IOException {
        Path whole = write(12);
        byte[] all = Files.readAllBytes(whole);
        Path f = dir.resolve("growing.bin");
        Files.write(f, new byte[0]);
        TraceTail tail = new TraceTail(f);
        java.util.List<Object> seen = new java.util.ArrayList<>();
        try (var out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < all.length; i += 7) { // records arrive in pieces, as a writer's do
                out.write(all, i, Math.min(7, all.length - i));
                out.flush();
                seen.addAll(tail.poll());
            }
        }
        Trace t = Trace.read(whole);
        assertEquals(1 + t.steps().size() + t.snapshots().size(), seen.size());
        assertEquals(t.header(), seen.get(0));
        assertEquals(t.steps().stream().map(StepRecord::step).toList(),
                seen.stream().filter(o -> o instanceof StepRecord).map(o -> ((StepRecord) o).step()).toList());
        assertTrue(tail.poll().isEmpty());
        try (TraceWriter w = TraceWriter.resume(f, 4)) {
            w.step(step(5));
        }
        java.util.List<Object> again = tail.poll();
        assertTrue(again.get(0) == TraceTail.RESTART);
        assertEquals(5, again.stream().filter(o -> o instanceof StepRecord).count());
    }

    @Test
    void theHeaderSaysWhichSnapshotRowsAreSpecialAndOldTracesMeanTheTranslatorsFour() throws IOException {
        Path f = dir.resolve("special.bin");
        try (TraceWriter w = TraceWriter.create(f, new TraceHeader(3, 9, 1234, "mlp", 0))) {
            w.step(step(1));
        }
        assertEquals(0, Trace.read(f).header().specialRows());
        Path g = dir.resolve("translator.bin");
        try (TraceWriter w = TraceWriter.create(g, new TraceHeader(3, 9, 1234, "seq2seq", 4))) {
            w.step(step(1));
        }
        assertEquals(4, Trace.read(g).header().specialRows());

        // a header as traces were written before: no int after the description
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(payload);
        d.writeByte(TraceFormat.HEADER);
        d.writeInt(3);
        d.writeLong(9);
        d.writeLong(1234);
        d.writeUTF("old");
        byte[] rec = payload.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(rec);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream o = new java.io.DataOutputStream(file);
        o.write(TraceFormat.MAGIC);
        o.writeInt(rec.length);
        o.write(rec);
        o.writeInt((int) crc.getValue());
        Path old = dir.resolve("old.bin");
        Files.write(old, file.toByteArray());
        try (TraceWriter w = TraceWriter.resume(old, 0)) {
            w.step(step(1));
        }
        Trace t = Trace.read(old);
        assertEquals(new TraceHeader(3, 9, 1234, "old", TraceHeader.LEGACY_SPECIAL_ROWS), t.header());
        assertEquals(1, t.steps().size());
    }

    @Test
    void nonFiniteValuesAreRecordedAsTheyAre() throws IOException {
        Path f = dir.resolve("nan.bin");
        try (TraceWriter w = TraceWriter.create(f, new TraceHeader(1, 1, 1, ""))) {
            w.step(new StepRecord(1, 0, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1, new float[] {Float.NaN}));
        }
        StepRecord r = Trace.read(f).steps().get(0);
        assertTrue(Double.isNaN(r.loss()) && Double.isInfinite(r.gradNorm()) && !r.finite());
    }

    /** A process killed in the middle of a write leaves a partial record: everything before it reads. */
    @Test
    void aCutTailLosesOnlyThePartialRecord() throws IOException {
        Path f = write(12);
        long full = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(full - 7);
        }
        Trace t = Trace.read(f);
        assertEquals(3, t.snapshots().size());
        assertEquals(11, t.steps().size(), "the last record, step 12, was cut");
        assertTrue(t.damagedTail() > 0);
    }

    @Test
    void aCorruptLastRecordIsTheDamagedTail() throws IOException {
        Path f = write(3);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 10] ^= 0x55; // inside the last step record
        Files.write(f, b);
        Trace t = Trace.read(f);
        assertEquals(2, t.steps().size());
        assertTrue(t.damaged().isEmpty());
        assertTrue(t.damagedTail() > 0);
    }

    /**
     * One flipped byte anywhere inside the file costs exactly the record it is in: every other
     * record reads, and the damaged one is reported with its offset and step. Tried at every
     * byte of a middle step record, its length field and checksum included.
     */
    @Test
    void aFlippedByteInTheMiddleSkipsExactlyItsRecord() throws IOException {
        Path f = write(12);
        byte[] clean = Files.readAllBytes(f);
        Trace whole = Trace.read(f);
        long start = whole.offsetAfter(5); // step 6's record starts where the records of step 5 end
        long end = whole.offsetAfter(6);
        for (long at = start; at < end; at++) {
            byte[] b = clean.clone();
            b[(int) at] ^= (byte) 0x5a;
            Files.write(f, b);
            Trace t = Trace.read(f);
            assertEquals(11, t.steps().size(), "flipped byte " + at);
            assertTrue(t.steps().stream().noneMatch(r -> r.step() == 6), "flipped byte " + at);
            assertEquals(whole.snapshots().size(), t.snapshots().size(), "flipped byte " + at);
            assertEquals(1, t.damaged().size(), "flipped byte " + at);
            Trace.Damage d = t.damaged().get(0);
            assertEquals(start, d.offset());
            assertEquals(end - start, d.length());
            assertEquals(5, d.afterStep());
            if (at >= start + 5 && at < start + 13) {
                assertEquals(-1, d.step(), "the step field itself was hit at " + at);
            } else {
                assertEquals(6, d.step(), "flipped byte " + at);
                assertEquals("record at byte " + start + " (step 6)", d.describe());
            }
            assertEquals(0, t.damagedTail());
        }
    }

    @Test
    void resumingCutsBackToTheCheckpointStep() throws IOException {
        Path f = write(12);
        try (TraceWriter w = TraceWriter.resume(f, 7)) {
            w.step(step(8));
        }
        Trace t = Trace.read(f);
        assertEquals(8, t.lastStep());
        assertEquals(8, t.steps().size());
        assertEquals(2, t.snapshots().size(), "snapshots at 0 and 5 kept, 10 removed");
    }

    @Test
    void rejectsOtherFiles() throws IOException {
        Path f = Files.writeString(dir.resolve("x.bin"), "hello, not a trace");
        TraceException e = assertThrows(TraceException.class, () -> Trace.read(f));
        assertTrue(e.getMessage().contains("not a Bloom trace"), e.getMessage());
        assertThrows(TraceException.class, () -> Trace.read(dir.resolve("missing.bin")));
        assertThrows(IOException.class, () -> TraceWriter.create(write(1), new TraceHeader(1, 1, 1, "")),
                "an existing trace is never overwritten");
    }
}

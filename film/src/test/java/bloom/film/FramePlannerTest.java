package bloom.film;

import bloom.flame.fold.FoldSettings;
import bloom.flame.genome.Genome;
import bloom.palette.PaletteOptions;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The frame plan is random access: frame N in any order is the frame N of a plan in order. */
class FramePlannerTest {

    private static final int K = 8;
    private static final int STEPS = 700;
    private static final RenderSettings SETTINGS = new RenderSettings("star", 0, new Size(64, 36), 5, 1, 25, 2, 23, false,
            PaletteOptions.defaults(3), FoldSettings.defaults(3), 50, 7);

    private static Trace trace(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        float[] emb = new float[30 * 6];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) r.nextGaussian();
        }
        Path f = dir.resolve("trace.bin");
        try (TraceWriter w = TraceWriter.create(f, new TraceHeader(K, 1, 100, "test"))) {
            w.embeddings(new EmbeddingSnapshot(0, 30, 6, emb));
            for (int s = 1; s <= STEPS; s++) {
                float[] sketch = new float[K];
                for (int k = 0; k < K; k++) {
                    sketch[k] = (float) r.nextGaussian();
                }
                w.step(new StepRecord(s, 0, 10.0 / s, 2, Math.exp(0.3 * r.nextGaussian()), 10, sketch));
                if (s % 10 == 0) {
                    for (int i = 0; i < emb.length; i++) {
                        emb[i] += (float) (0.05 * r.nextGaussian());
                    }
                    w.embeddings(new EmbeddingSnapshot(s, 30, 6, emb));
                }
            }
        }
        return Trace.read(f);
    }

    @Test
    void anyFrameInAnyOrderIsTheFrameOfAPlanInOrder(@TempDir Path dir) throws IOException {
        Trace t = trace(dir);
        RenderSettings rs = SETTINGS;
        Genome base = Genomes.load("star", 0);
        FramePlanner inOrder = new FramePlanner(t, base, rs);
        Genome[] expected = new Genome[STEPS];
        for (int f = 0; f < STEPS; f++) {
            expected[f] = inOrder.genome(f);
        }
        FramePlanner any = new FramePlanner(t, base, rs);
        int[] order = {650, 3, 512, 255, 256, 699, 0, 511, 257, 100, 100, 699};
        for (int f : order) {
            assertEquals(expected[f], any.genome(f), "frame " + f);
            assertEquals(inOrder.relativeStep(f), any.relativeStep(f), "relative step of frame " + f);
            assertEquals(inOrder.paletteStep(f), any.paletteStep(f), "palette step of frame " + f);
        }
    }
    /** Live planning: a frame planned as soon as it is settled, records still arriving, is the frame of the whole trace. */
    @Test
    void framesPlannedWhileRecordsArriveEqualTheWholeTracesOnceSettled(@TempDir Path dir) throws IOException {
        Trace t = trace(dir);
        RenderSettings rs = SETTINGS;
        Genome base = Genomes.load("star", 0);
        FramePlanner whole = new FramePlanner(t, base, rs);
        FramePlanner live = new FramePlanner(K, base, rs);
        int si = 0;
        int planned = 0;
        for (StepRecord r : t.steps()) {
            while (si < t.snapshots().size() && t.snapshots().get(si).step() < r.step()) {
                live.add(t.snapshots().get(si++));
            }
            live.add(r);
            while (planned + 2 <= live.frames() && live.settled(planned)) {
                assertEquals(whole.genome(planned), live.genome(planned), "frame " + planned + " with " + live.frames() + " records");
                assertEquals(whole.relativeStep(planned), live.relativeStep(planned), "relative step of frame " + planned);
                planned++;
            }
        }
        assertEquals(STEPS - bloom.flame.fold.StepScale.WINDOW, planned, "frames settled before the run ended");
    }
}

package bloom.hook;

import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.TraceSink;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What the hook records per minibatch, over plain data: the loss, the gradient norm, the update
 * that was applied (its norm and its count sketch), the parameter norm, and the embedding
 * snapshots at their cadence. {@link TrainingHook} feeds it from a DL4J network's buffers; the
 * translator's trainer feeds it from its flat arrays.
 *
 * <p>Non-finite values are recorded as they are and never thrown: an exploding gradient is data.
 */
public final class StepRecorder {

    /** Supplies the embedding matrix to snapshot. */
    public interface Embeddings {
        EmbeddingSnapshot at(long step);
    }

    private final TraceSink sink;
    private final CountSketch sketch;
    private final Embeddings embeddings;
    private final int snapshotEvery;
    private final float[] sketchBuffer;
    private long step;
    private long lastSnapshotStep;
    private boolean lastFinite = true;

    /**
     * @param embeddings    the matrix to snapshot, or null for none
     * @param snapshotEvery steps between snapshots; also one before the first step and one at the
     *                      end of every epoch
     * @param startStep     the global step already reached (0 for a new run)
     */
    public StepRecorder(TraceSink sink, CountSketch sketch, Embeddings embeddings, int snapshotEvery, long startStep) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.sketch = Objects.requireNonNull(sketch, "sketch");
        this.embeddings = embeddings;
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("Invalid snapshot interval: " + snapshotEvery);
        }
        this.snapshotEvery = snapshotEvery;
        this.sketchBuffer = new float[sketch.dims()];
        this.step = startStep;
        this.lastSnapshotStep = startStep > 0 ? startStep : -1;
    }

    public long step() {
        return step;
    }

    /** Whether the last recorded minibatch had a finite loss, gradient norm and update norm. */
    public boolean lastFinite() {
        return lastFinite;
    }

    /** The embeddings before any training, once: before the first step of the first epoch. */
    public void epochStart() {
        if (lastSnapshotStep < 0) {
            snapshot();
        }
    }

    /** After the last step of an epoch. */
    public void epochEnd() {
        if (lastSnapshotStep != step) {
            snapshot();
        }
    }

    /**
     * Records one minibatch: {@code n} floats of {@code update} from {@code offset} are the update
     * that was subtracted from the parameters (in the platform's byte order, as ND4J keeps them);
     * its norm comes out of the same pass as its sketch.
     */
    public void record(int epoch, double loss, double gradNorm, ByteBuffer update, long offset, long n,
                       double paramNorm) {
        double updateNorm = Math.sqrt(sketch.sketch(update, offset, n, sketchBuffer));
        write(epoch, loss, gradNorm, updateNorm, paramNorm);
    }

    private void write(int epoch, double loss, double gradNorm, double updateNorm, double paramNorm) {
        step++;
        StepRecord record = new StepRecord(step, epoch, loss, gradNorm, updateNorm, paramNorm, sketchBuffer);
        lastFinite = record.finite();
        sink.step(record);
        if (step % snapshotEvery == 0) {
            snapshot();
        }
    }

    /** A validation score at the current step. */
    public void evaluation(double bleu, int sentences) {
        sink.evaluation(new bloom.trace.Evaluation(step, bleu, sentences));
    }

    /** Records one minibatch whose applied update is the whole of {@code update}. */
    public void record(int epoch, double loss, double gradNorm, float[] update, double updateNorm, double paramNorm) {
        sketch.sketch(update, 0, update.length, sketchBuffer);
        write(epoch, loss, gradNorm, updateNorm, paramNorm);
    }

    private void snapshot() {
        if (embeddings == null) {
            return;
        }
        sink.embeddings(embeddings.at(step));
        lastSnapshotStep = step;
    }
}

package bloom.nmt.hook;

import bloom.nmt.trace.EmbeddingSnapshot;
import bloom.nmt.trace.StepRecord;
import bloom.nmt.trace.TraceSink;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;
import java.util.function.Function;

/**
 * Records what the optimizer does to any DL4J network ({@code ComputationGraph} or
 * {@code MultiLayerNetwork}), once per minibatch, into a {@link TraceSink}.
 *
 * <p>DL4J keeps one flat gradient buffer per network. After backpropagation
 * ({@link #onGradientCalculation}) it holds the raw gradient summed over the minibatch, before
 * the updater divides it by the minibatch size, clips or rescales it; the hook records the norm
 * of that gradient divided by the minibatch size (the gradient of the mean loss, the usual
 * meaning of "gradient norm"). After the update ({@link #iterationDone}) the same buffer holds the update that
 * was actually subtracted from the parameters (for SGD the clipped, scaled gradient; for Adam
 * the moment-normalised step). The hook reads both, so the gradient norm and the update norm it
 * records are what happened, not what was configured.
 *
 * <p>Non-finite losses and gradients are recorded as they are and never thrown: an exploding
 * gradient is data to show.
 */
public final class TrainingHook extends BaseTrainingListener {

    private final TraceSink sink;
    private final CountSketch sketch;
    private final Function<Model, INDArray> embeddings;
    private final int snapshotEvery;
    private final float[] sketchBuffer;
    private long step;
    private long lastSnapshotStep = -1;
    private double gradNorm = Double.NaN;

    /**
     * @param sink          receives the records
     * @param sketch        how to sketch the update vector
     * @param embeddings    extracts the embedding matrix to snapshot (rows = tokens), or null for none
     * @param snapshotEvery steps between embedding snapshots; snapshots are also taken before the
     *                      first step and at the end of every epoch
     * @param startStep     the global step already reached (0 for a new run)
     */
    public TrainingHook(TraceSink sink, CountSketch sketch, Function<Model, INDArray> embeddings, int snapshotEvery,
                        long startStep) {
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

    /** Extracts a named parameter, e.g. {@code "tgtEmb_W"} of a ComputationGraph. */
    public static Function<Model, INDArray> parameter(String key) {
        return model -> {
            INDArray p = model.paramTable().get(key);
            if (p == null) {
                throw new IllegalArgumentException("The network has no parameter '" + key + "'; it has " + model.paramTable().keySet());
            }
            return p;
        };
    }

    /** Whether the last recorded minibatch had a finite loss, gradient norm and update norm. */
    public boolean lastFinite() {
        return lastFinite;
    }

    private boolean lastFinite = true;

    public long step() {
        return step;
    }

    @Override
    public void onEpochStart(Model model) {
        if (lastSnapshotStep < 0) {
            snapshot(model); // the embeddings before any training
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        int batch = Math.max(1, model.batchSize());
        gradNorm = norm2(model.getGradientsViewArray()) / batch;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        INDArray update = model.getGradientsViewArray();
        if (update == null) {
            return; // not a training iteration
        }
        step++;
        double updateNorm = norm2(update);
        double paramNorm = norm2(model.params());
        INDArray flat = update.dataType() == DataType.FLOAT ? update : update.castTo(DataType.FLOAT);
        sketch.sketch(flat.data().asNioFloat(), flat.offset(), flat.length(), sketchBuffer);
        StepRecord record = new StepRecord(step, epoch, model.score(), gradNorm, updateNorm, paramNorm, sketchBuffer);
        lastFinite = record.finite();
        sink.step(record);
        gradNorm = Double.NaN;
        if (step % snapshotEvery == 0) {
            snapshot(model);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (lastSnapshotStep != step) {
            snapshot(model);
        }
    }

    private void snapshot(Model model) {
        if (embeddings == null) {
            return;
        }
        INDArray e = embeddings.apply(model);
        int rows = (int) e.size(0);
        int cols = (int) e.size(1);
        float[] values = e.castTo(DataType.FLOAT).dup('c').data().asFloat();
        sink.embeddings(new EmbeddingSnapshot(step, rows, cols, values));
        lastSnapshotStep = step;
    }

    private static double norm2(INDArray a) {
        return a == null ? Double.NaN : a.norm2Number().doubleValue();
    }
}

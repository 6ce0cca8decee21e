package bloom.hook;

import bloom.trace.EmbeddingSnapshot;
import bloom.trace.TraceSink;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    private final StepRecorder recorder;
    private final CountSketch sketch;
    private Model current;
    private double gradNorm = Double.NaN;
    private int epochsEnded; // epochs ended by hand, in a loop that calls fit(DataSet) itself
    private int lastEpoch;

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
        this.sketch = sketch;
        this.recorder = new StepRecorder(sink, sketch, embeddings == null ? null : step -> snapshot(embeddings.apply(current), step),
                snapshotEvery, startStep);
    }

    /** Extracts a named parameter, e.g. {@code "tgtEmb_W"} of a ComputationGraph. */
    public static Function<Model, INDArray> parameter(String key) {
        return model -> {
            INDArray p = model.paramTable().get(key);
            if (p == null) {
                throw new IllegalArgumentException("The network has no parameter '" + key + "'; it has " + model.paramTable().keySet());
            }
            requireEmbedding(key, p);
            return p;
        };
    }

    /**
     * Refuses, with one line naming the parameter and its shape, what cannot be an embedding: the
     * palette projects its rows (tokens) onto three axes, so it must be a 2-D matrix of at least 3
     * rows and 3 columns. (A bias vector or a convolution kernel would otherwise fail inside the
     * user's training, or a two-column matrix only when the run is rendered.)
     */
    public static void requireEmbedding(String name, INDArray p) {
        if (!isEmbedding(p)) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + java.util.Arrays.toString(p.shape())
                    + ": an embedding must be a 2-D matrix of at least 3 rows (tokens) and 3 columns (dimensions)");
        }
    }

    /** Whether {@code p} can be filmed as an embedding: a 2-D matrix of at least 3 rows and 3 columns. */
    public static boolean isEmbedding(INDArray p) {
        long[] shape = p.shape();
        return shape.length == 2 && shape[0] >= 3 && shape[1] >= 3;
    }

    /** Whether the last recorded minibatch had a finite loss, gradient norm and update norm. */
    public boolean lastFinite() {
        return recorder.lastFinite();
    }

    public long step() {
        return recorder.step();
    }

    /** The epoch of the last minibatch recorded (0 before the first). */
    public int epoch() {
        return lastEpoch;
    }

    /**
     * Before training: the embeddings as they are now, the step-0 snapshot, whatever loop follows
     * ({@code fit(DataSet)}, {@code fit(MultiDataSet)} or an iterator).
     */
    public void begin(Model model) {
        current = model;
        recorder.epochStart();
    }

    /**
     * The end of an epoch in a loop that calls {@code fit(DataSet)} itself, which DL4J does not
     * count: a snapshot, and the next minibatches are recorded in the next epoch. Epochs of
     * {@code fit(iterator, epochs)} are counted without this.
     */
    public void endEpoch(Model model) {
        current = model;
        recorder.epochEnd();
        epochsEnded++;
    }

    @Override
    public void onEpochStart(Model model) {
        begin(model);
    }

    @Override
    public void onGradientCalculation(Model model) {
        // A plain fit(DataSet) loop starts no epoch: the embeddings before any update are taken
        // here, before the first update is applied, if nothing took them yet.
        current = model;
        recorder.epochStart();
        int batch = Math.max(1, model.batchSize());
        INDArray gradient = model.getGradientsViewArray();
        gradNorm = gradient == null ? Double.NaN : Math.sqrt(sumOfSquares(gradient)) / batch;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        INDArray update = model.getGradientsViewArray();
        if (update == null) {
            return; // not a training iteration
        }
        current = model;
        lastEpoch = epoch + epochsEnded;
        INDArray flat = asFloat(update);
        recorder.record(lastEpoch, model.score(), gradNorm, flat.data().asNio(), flat.offset(), flat.length(),
                Math.sqrt(sumOfSquares(model.params())));
        gradNorm = Double.NaN;
    }

    @Override
    public void onEpochEnd(Model model) {
        current = model;
        recorder.epochEnd();
    }

    private double sumOfSquares(INDArray a) {
        INDArray flat = asFloat(a);
        if (!flat.isVector() || flat.elementWiseStride() != 1) {
            double norm = flat.norm2Number().doubleValue(); // not one contiguous run of floats
            return norm * norm;
        }
        return sketch.sumOfSquares(flat.data().asNio(), flat.offset(), flat.length());
    }

    private static INDArray asFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    private static EmbeddingSnapshot snapshot(INDArray e, long step) {
        requireEmbedding("embeddings", e);
        int rows = (int) e.size(0);
        int cols = (int) e.size(1);
        return new EmbeddingSnapshot(step, rows, cols, e.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }
}

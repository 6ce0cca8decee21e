package bloom.hook;

import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Films the training of a DL4J network: attach it, train as usual, close it, and render the run
 * directory with {@code bloom render DIR}.
 *
 * <pre>{@code
 * try (BloomHook hook = BloomHook.attach(network, Path.of("runs/my-model"))
 *         .embeddings("0", "W")      // layer "0", parameter "W": rows are what the palette colours
 *         .start()) {
 *     network.fit(trainingData, 10); // or any loop of fit(DataSet) / fit(MultiDataSet)
 * }
 * }</pre>
 *
 * Every minibatch is recorded to {@code DIR/trace.bin}: the loss, the gradient norm, the norm of
 * the update the optimizer applied and a count sketch of it (the flame's motion), the parameter
 * norm; the embedding matrix is recorded before training, every {@link Builder#snapshotEvery}
 * minibatches and at the end of every epoch (the flame's palette). {@link #start()} checks
 * everything before the first minibatch, so a wrong parameter fails at once with one line
 * naming it and its shape, not inside the training or when the run is rendered.
 *
 * <p>A loop that calls {@code fit(DataSet)} itself starts no epoch DL4J can see: call
 * {@link #endEpoch()} at the end of each, or every minibatch is recorded in epoch 0.
 */
public final class BloomHook implements AutoCloseable {

    /** Dimensions of each minibatch's update sketch unless {@link Builder#sketchDims} says otherwise. */
    public static final int DEFAULT_SKETCH_DIMS = 64;
    /** Minibatches between embedding snapshots unless {@link Builder#snapshotEvery} says otherwise. */
    public static final int DEFAULT_SNAPSHOT_EVERY = 10;

    private final Model network;
    private final Path dir;
    private final TraceWriter trace;
    private final TrainingHook listener;
    private final String description;
    private final long started = System.nanoTime();
    private boolean closed;

    /** Begins attaching the hook to {@code network} (a {@link MultiLayerNetwork} or {@link ComputationGraph}, initialised). */
    public static Builder attach(Model network, Path runDirectory) {
        return new Builder(network, runDirectory);
    }

    /** What to record; {@link #start()} validates it, opens the run directory and attaches the hook. */
    public static final class Builder {
        private final Model network;
        private final Path dir;
        private String layer;
        private String param;
        private int specialRows;
        private int sketchDims = DEFAULT_SKETCH_DIMS;
        private long seed = 1;
        private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private String description;
        private boolean replace;

        private Builder(Model network, Path dir) {
            this.network = Objects.requireNonNull(network, "network");
            this.dir = Objects.requireNonNull(dir, "run directory");
        }

        /**
         * The matrix whose rows the palette colours: parameter {@code param} of layer {@code layer}
         * (DL4J's parameter key {@code layer_param}: {@code ("0", "W")} for the first layer of a
         * MultiLayerNetwork, {@code ("embed", "W")} for a graph's vertex "embed"). It must be a 2-D
         * matrix of at least 3 rows and 3 columns. Unset: the first embedding layer's weights, or
         * else the first such weight matrix of the network.
         */
        public Builder embeddings(String layer, String param) {
            this.layer = Objects.requireNonNull(layer, "layer");
            this.param = Objects.requireNonNull(param, "param");
            return this;
        }

        /** Leading rows of the embedding matrix that are no ordinary tokens (padding, start, end): the palette leaves them out. */
        public Builder specialRows(int rows) {
            this.specialRows = rows;
            return this;
        }

        /** Dimensions of each minibatch's update sketch (default 64): what moves the flame. */
        public Builder sketchDims(int dims) {
            this.sketchDims = dims;
            return this;
        }

        /** Seed of the sketch's random signs and buckets (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Minibatches between embedding snapshots (default 10): the palette is interpolated between them. */
        public Builder snapshotEvery(int steps) {
            this.snapshotEvery = steps;
            return this;
        }

        /** Free text for the trace's header (default: the network's kind, size and embedding). */
        public Builder describe(String text) {
            this.description = text;
            return this;
        }

        /** Replace a trace already in the run directory instead of refusing to. */
        public Builder replaceExisting() {
            this.replace = true;
            return this;
        }

        /**
         * Validates the settings against the network, creates the run directory, writes the trace's
         * header and the embeddings as they are (step 0), and adds the hook to the network's
         * listeners.
         *
         * @throws IllegalArgumentException a setting the network cannot satisfy, in one line
         * @throws IllegalStateException    a run directory that already holds a trace (see {@link #replaceExisting})
         * @throws UncheckedIOException     the run directory cannot be written
         */
        public BloomHook start() {
            if (!(network instanceof MultiLayerNetwork || network instanceof ComputationGraph)) {
                throw new IllegalArgumentException("network: a MultiLayerNetwork or ComputationGraph, not "
                        + network.getClass().getName());
            }
            if (network.params() == null || network.numParams() == 0) {
                throw new IllegalArgumentException("network: it has no parameters yet; call network.init() before attaching");
            }
            if (sketchDims < 1 || sketchDims > 4096) {
                throw new IllegalArgumentException("sketchDims " + sketchDims + ": expected 1 to 4096 (default 64)");
            }
            if (snapshotEvery < 1) {
                throw new IllegalArgumentException("snapshotEvery " + snapshotEvery + ": expected 1 or more minibatches");
            }
            Map<String, INDArray> params = network.paramTable();
            String key = layer == null ? defaultEmbedding(network) : layer + "_" + param;
            if (key == null) {
                throw new IllegalArgumentException("the network has no parameter that can be an embedding (a 2-D matrix of at least "
                        + "3 rows and 3 columns); its parameters are " + shapes(params));
            }
            INDArray e = params.get(key);
            if (e == null) {
                throw new IllegalArgumentException("embeddings(\"" + layer + "\", \"" + param + "\"): the network has no parameter '"
                        + key + "'; it has " + shapes(params));
            }
            TrainingHook.requireEmbedding(key, e);
            if (specialRows < 0 || specialRows > e.size(0) - 3) {
                throw new IllegalArgumentException("specialRows " + specialRows + ": expected 0 to " + (e.size(0) - 3)
                        + " (the palette needs 3 ordinary rows of '" + key + "', which has " + e.size(0) + ")");
            }
            String text = description != null ? description
                    : network.getClass().getSimpleName() + ", " + network.numParams() + " parameters; embeddings: " + key
                    + " (" + e.size(0) + " x " + e.size(1) + ")";
            try {
                return new BloomHook(this, key, text);
            } catch (IOException ex) {
                throw new UncheckedIOException(dir + ": cannot write the run directory (" + ex + ")", ex);
            }
        }
    }

    private BloomHook(Builder b, String key, String description) throws IOException {
        this.network = b.network;
        this.dir = b.dir;
        this.description = description;
        Files.createDirectories(dir);
        Path file = dir.resolve(bloom.trace.Trace.FILE);
        if (Files.exists(file) && !b.replace) {
            throw new IllegalStateException(file + " exists: this directory holds a run already; choose another, or call "
                    + "replaceExisting() to record over it");
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve(TRAINING));
        this.trace = TraceWriter.create(file, new TraceHeader(b.sketchDims, b.seed, network.numParams(), description, b.specialRows));
        this.listener = new TrainingHook(trace, new CountSketch(b.sketchDims, b.seed), TrainingHook.parameter(key), b.snapshotEvery, 0);
        listener.begin(network);
        trace.sync();
        network.addListeners(listener);
    }

    /** What training reported, beside the trace: steps, epochs and time per step. */
    static final String TRAINING = "training.json";

    /** The run directory. */
    public Path runDirectory() {
        return dir;
    }

    /** Minibatches recorded so far. */
    public long step() {
        return listener.step();
    }

    /**
     * The end of an epoch in a loop that calls {@code fit(DataSet)} or {@code fit(MultiDataSet)}
     * itself: the embeddings are recorded, and the next minibatches belong to the next epoch.
     * ({@code fit(iterator, epochs)} reports its epochs to the hook; don't call this there.)
     */
    public void endEpoch() {
        listener.endEpoch(network);
        try {
            trace.sync();
        } catch (IOException e) {
            throw new UncheckedIOException(trace.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Detaches the hook, records the last embeddings, closes the trace and writes
     * {@code training.json}. The run directory is then ready for {@code bloom render DIR}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<TrainingListener> rest = new ArrayList<>(network instanceof MultiLayerNetwork m ? m.getListeners()
                : ((ComputationGraph) network).getListeners());
        rest.remove(listener);
        network.setListeners(rest);
        listener.onEpochEnd(network);
        long steps = listener.step();
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            trace.close();
            String json = "{\n  \"steps\": " + steps + ",\n  \"epochs\": " + (listener.epoch() + (steps > 0 ? 1 : 0))
                    + ",\n  \"parameters\": " + network.numParams()
                    + ",\n  \"model\": \"" + description.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                    + ",\n  \"seconds\": " + String.format(java.util.Locale.ROOT, "%.3f", seconds)
                    + ",\n  \"recordedBy\": \"bloom-hook\"\n}\n";
            Files.writeString(dir.resolve(TRAINING), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot finish the run directory: " + e.getMessage(), e);
        }
    }

    /** The first embedding layer's W, else the first parameter that can be an embedding, else null. */
    static String defaultEmbedding(Model network) {
        String firstMatrix = null;
        for (Map.Entry<String, INDArray> p : network.paramTable().entrySet()) {
            String key = p.getKey();
            if (!TrainingHook.isEmbedding(p.getValue())) {
                continue;
            }
            int cut = key.lastIndexOf('_');
            Layer l = cut < 0 ? null : layer(network, key.substring(0, cut));
            if (l != null && (l.conf().getLayer() instanceof EmbeddingLayer || l.conf().getLayer() instanceof EmbeddingSequenceLayer)) {
                return key;
            }
            if (firstMatrix == null) {
                firstMatrix = key;
            }
        }
        return firstMatrix;
    }

    private static Layer layer(Model network, String name) {
        try {
            if (network instanceof MultiLayerNetwork m) {
                return m.getLayer(Integer.parseInt(name));
            }
            return ((ComputationGraph) network).getLayer(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shapes(Map<String, INDArray> params) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            s.append(s.length() == 0 ? "" : ", ").append(p.getKey()).append(' ').append(Arrays.toString(p.getValue().shape()));
        }
        return s.toString();
    }
}

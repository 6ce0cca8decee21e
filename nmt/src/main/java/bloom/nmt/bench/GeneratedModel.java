package bloom.nmt.bench;

import bloom.hook.BloomHook;
import bloom.hook.CountSketch;
import bloom.hook.StepRecorder;
import bloom.nmt.bpe.Vocabulary;
import bloom.trace.Trace;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.model.EncodedPair;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.nmt.model.Seq2SeqModel;
import bloom.trace.EmbeddingSnapshot;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A network of a requested size with generated data it can learn, for measuring and testing the
 * hook on more than the translator: an MLP ({@code MultiLayerNetwork}: 32 inputs, two hidden tanh
 * layers, 10 classes given by a fixed random teacher network), a CNN ({@code ComputationGraph}:
 * 16x16 images of a bar at one of 8 places and orientations in noise, two convolutions, two dense
 * layers) and Bloom's translator (the network {@code bloom run} trains, on the embedded corpus).
 * The size requested is met by the width of the layers that hold most parameters.
 */
public final class GeneratedModel {

    /** The kinds of network. */
    public enum Kind {
        MLP, CNN, TRANSLATOR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Minibatches of generated data, cycled through. */
    public static final int DATA_BATCHES = 64;

    private final Kind kind;
    private final Model network;
    private final String embedding;
    private final List<DataSet> data;
    private final Seq2SeqModel translator;
    private final List<List<EncodedPair>> sentences;
    private final String description;

    private GeneratedModel(Kind kind, Model network, String embedding, List<DataSet> data, Seq2SeqModel translator,
                           List<List<EncodedPair>> sentences, String description) {
        this.kind = kind;
        this.network = network;
        this.embedding = embedding;
        this.data = data;
        this.translator = translator;
        this.sentences = sentences;
        this.description = description;
    }

    /** A network of about {@code parameters} parameters (at least the smallest of its kind). */
    public static GeneratedModel create(Kind kind, long parameters, long seed) {
        return switch (kind) {
            case MLP -> mlp(parameters, seed);
            case CNN -> cnn(parameters, seed);
            case TRANSLATOR -> translator(parameters, seed);
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The DL4J network, or null for the translator (which is Bloom's own). */
    public Model network() {
        return network;
    }

    /** The parameter the palette films, as {@code layer_param}: what {@code BloomHook.embeddings} names. */
    public String embeddingKey() {
        return embedding;
    }

    public long parameters() {
        return network != null ? network.numParams() : translator.numParams();
    }

    public String description() {
        return description;
    }

    /**
     * Trains minibatch {@code i} (of the generated data, cycled). A DL4J network is recorded by the
     * listeners it has; the translator by {@code recorder}, when not null.
     *
     * @return nanoseconds the recorder took (0 for a DL4J network)
     */
    public long fit(int i, StepRecorder recorder) {
        if (network instanceof MultiLayerNetwork m) {
            m.fit(data.get(i % data.size()));
            return 0;
        } else if (network instanceof ComputationGraph g) {
            g.fit(data.get(i % data.size()));
            return 0;
        } else {
            Seq2SeqModel.Step s = translator.fit(sentences.get(i % sentences.size()), translator.config().learningRate());
            if (recorder == null) {
                return 0;
            }
            long t0 = System.nanoTime();
            recorder.record(0, s.loss(), s.gradNorm(), translator.lastUpdate(), s.updateNorm(), s.paramNorm());
            return System.nanoTime() - t0;
        }
    }

    /** The translator's target embeddings, for its recorder. */
    public StepRecorder.Embeddings translatorEmbeddings() {
        int rows = translator.targetEmbeddings().length / translator.config().embeddingSize();
        int cols = translator.config().embeddingSize();
        return step -> new EmbeddingSnapshot(step, rows, cols, translator.targetEmbeddings());
    }

    /** Width w of two hidden layers: 32w + w + w^2 + w + 10w + 10 = w^2 + 44w + 10 parameters. */
    private static GeneratedModel mlp(long parameters, long seed) {
        int w = Math.max(4, (int) Math.round(root(1, 44, 10 - parameters)));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(32).nOut(w).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(w).nOut(w).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(w).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        SplittableRandom r = new SplittableRandom(seed);
        float[][] teacher1 = gaussian(r, 32, 24);
        float[][] teacher2 = gaussian(r, 24, 10);
        List<DataSet> data = new ArrayList<>();
        for (int b = 0; b < DATA_BATCHES; b++) {
            float[][] x = gaussian(r, 32, 32);
            float[][] y = new float[32][10];
            for (int i = 0; i < 32; i++) {
                float[] h = new float[24];
                for (int j = 0; j < 24; j++) {
                    for (int k = 0; k < 32; k++) {
                        h[j] += x[i][k] * teacher1[k][j];
                    }
                    h[j] = (float) Math.tanh(h[j] / Math.sqrt(32));
                }
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 10; c++) {
                    double s = 0;
                    for (int j = 0; j < 24; j++) {
                        s += h[j] * teacher2[j][c];
                    }
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                y[i][best] = 1;
            }
            data.add(new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y)));
        }
        return new GeneratedModel(Kind.MLP, net, "0_W", data, null, null,
                "MLP 32-" + w + "-" + w + "-10 (MultiLayerNetwork, Adam 0.001), " + net.numParams() + " parameters");
    }

    /** Width h of the dense layers: 80 + 1168 + 257h + h^2 + h + 8h + 8 = h^2 + 266h + 1256 parameters. */
    private static GeneratedModel cnn(long parameters, long seed) {
        int h = Math.max(4, (int) Math.round(root(1, 266, 1256 - parameters)));
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("image")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(), "image")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv2")
                .addLayer("dense1", new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build(), "pool2")
                .addLayer("dense2", new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build(), "dense1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(8)
                        .activation(Activation.SOFTMAX).build(), "dense2")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(16, 16, 1))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        SplittableRandom r = new SplittableRandom(seed);
        List<DataSet> data = new ArrayList<>();
        for (int b = 0; b < DATA_BATCHES; b++) {
            float[][][][] x = new float[32][1][16][16];
            float[][] y = new float[32][8];
            for (int i = 0; i < 32; i++) {
                int c = r.nextInt(8);
                y[i][c] = 1;
                boolean vertical = c >= 4;
                int at = 2 + (c % 4) * 4 + r.nextInt(-1, 2);
                for (int u = 0; u < 16; u++) {
                    for (int v = 0; v < 16; v++) {
                        float bar = (vertical ? v : u) == at || (vertical ? v : u) == at + 1 ? 1f : 0f;
                        x[i][0][u][v] = bar + 0.4f * (float) r.nextGaussian();
                    }
                }
            }
            data.add(new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y)));
        }
        return new GeneratedModel(Kind.CNN, graph, "dense1_W", data, null, null,
                "CNN conv8-conv16-" + h + "-" + h + "-8 on 16x16 (ComputationGraph, Adam 0.001), " + graph.numParams() + " parameters");
    }

    /** Bloom's translator on the embedded corpus, its LSTM width chosen for the size (Adam). */
    private static GeneratedModel translator(long parameters, long seed) {
        TrainRace.Data probe = TrainRace.prepare(SyntheticCorpus.generate(7, 6400, 0, 1),
                Seq2SeqConfig.defaults(seed), 256, 32, 64, DATA_BATCHES, seed);
        int vs = probe.sourceVocabulary();
        int vt = probe.targetVocabulary();
        // the count is quadratic in the width: fit it through three small widths
        long p8 = size(8, vs, vt, seed);
        long p16 = size(16, vs, vt, seed);
        long p32 = size(32, vs, vt, seed);
        double a = ((p32 - p16) / 16.0 - (p16 - p8) / 8.0) / 24.0;
        double b = (p16 - p8) / 8.0 - a * 24;
        double c = p8 - a * 64 - b * 8;
        int hidden = Math.max(4, (int) Math.round(root(a, b, c - parameters)));
        Seq2SeqConfig config = config(hidden, seed);
        Seq2SeqModel model = Seq2SeqModel.create(config, vs, vt);
        return new GeneratedModel(Kind.TRANSLATOR, null, Seq2SeqModel.TARGET_EMBEDDING + "_W", null, model, probe.batches(),
                "Bloom's translator, LSTM width " + hidden + " (Adam " + config.learningRate() + "), " + model.numParams()
                        + " parameters");
    }

    private static Seq2SeqConfig config(int hidden, long seed) {
        return new Seq2SeqConfig(Seq2SeqConfig.DEFAULT_EMBEDDING, hidden, Seq2SeqConfig.Optimizer.ADAM,
                Seq2SeqConfig.defaultLearningRate(Seq2SeqConfig.Optimizer.ADAM), 5.0, seed);
    }

    private static long size(int hidden, int vs, int vt, long seed) {
        return Seq2SeqModel.create(config(hidden, seed), vs, vt).numParams();
    }

    /** The positive root of a x^2 + b x + c. */
    private static double root(double a, double b, double c) {
        return (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c))) / (2 * a);
    }

    private static float[][] gaussian(SplittableRandom r, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    /**
     * Trains {@code steps} minibatches with the hook attached, as a user would, into {@code run}:
     * a DL4J network through {@link BloomHook}, the translator through its recorder (its
     * vocabulary's special rows marked). The run directory is then ready to render.
     */
    public void record(Path run, int steps, int snapshotEvery) throws IOException {
        if (network != null) {
            try (BloomHook hook = BloomHook.attach(network, run).embeddings(embedding.substring(0, embedding.lastIndexOf('_')),
                    embedding.substring(embedding.lastIndexOf('_') + 1)).snapshotEvery(snapshotEvery).replaceExisting()
                    .describe(description).start()) {
                for (int i = 0; i < steps; i++) {
                    fit(i, null);
                    if ((i + 1) % data.size() == 0) {
                        hook.endEpoch();
                    }
                }
            }
            return;
        }
        Files.createDirectories(run);
        Files.deleteIfExists(run.resolve(Trace.FILE));
        try (TraceWriter trace = TraceWriter.create(run.resolve(Trace.FILE), new TraceHeader(BloomHook.DEFAULT_SKETCH_DIMS, 1,
                translator.numParams(), description, Vocabulary.SPECIALS))) {
            StepRecorder recorder = new StepRecorder(trace, new CountSketch(BloomHook.DEFAULT_SKETCH_DIMS, 1),
                    translatorEmbeddings(), snapshotEvery, 0);
            recorder.epochStart();
            for (int i = 0; i < steps; i++) {
                fit(i, recorder);
            }
            recorder.epochEnd();
        }
    }
}

package bloom.nmt.model;

import bloom.nmt.bpe.Vocabulary;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The translator as a DL4J ComputationGraph: the implementation Bloom trained with before
 * {@link bloom.nmt.net.Translator}, kept as the reference that one is checked against (same
 * forward pass and loss) and raced against in {@code bloom bench train}. Encoder: source embeddings, two bidirectional LSTM layers; the sentence is
 * summarised by the last time step and the masked mean of the top layer, projected to a context
 * vector. Decoder: target embeddings concatenated with the context at every step, two LSTM
 * layers, softmax over the target vocabulary. Trained with teacher forcing; decoded greedily by a
 * second graph that shares the decoder's layers and steps one token at a time.
 *
 * <p>Layer names are stable: {@value #TARGET_EMBEDDING} holds the target embedding matrix
 * ({@code [targetVocabulary, embeddingSize]} under the parameter key {@code "W"}).
 */
public final class Dl4jTranslator {

    public static final String TARGET_EMBEDDING = "tgtEmb";
    private static final String[] DECODER_LAYERS = {TARGET_EMBEDDING, "dec1", "dec2", "out"};
    private static final String ATTENTION = "attention";

    private final Seq2SeqConfig config;
    private final ComputationGraph graph;
    private final ComputationGraph decoder;

    private Dl4jTranslator(Seq2SeqConfig config, ComputationGraph graph, int sourceVocab, int targetVocab) {
        this.config = config;
        this.graph = graph;
        this.decoder = new ComputationGraph(decoderConfiguration(config, targetVocab));
        this.decoder.init();
    }

    public static Dl4jTranslator create(Seq2SeqConfig config, int sourceVocab, int targetVocab) {
        ComputationGraph graph = new ComputationGraph(trainingConfiguration(config, sourceVocab, targetVocab));
        graph.init();
        return new Dl4jTranslator(config, graph, sourceVocab, targetVocab);
    }

    /** Loads a model written by {@link #save}, with its optimizer state when {@code withUpdater}. */
    public static Dl4jTranslator load(Seq2SeqConfig config, Path file, int sourceVocab, int targetVocab) throws IOException {
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        return new Dl4jTranslator(config, graph, sourceVocab, targetVocab);
    }

    public void save(Path file) throws IOException {
        ModelSerializer.writeModel(graph, file.toFile(), true);
    }

    public ComputationGraph graph() {
        return graph;
    }

    public Seq2SeqConfig config() {
        return config;
    }

    /** The target embedding matrix {@code [targetVocabulary, embeddingSize]}, a live view. */
    public INDArray targetEmbeddings() {
        return graph.getLayer(TARGET_EMBEDDING).getParam("W");
    }

    private static IUpdater updater(Seq2SeqConfig c) {
        return c.optimizer() == Seq2SeqConfig.Optimizer.SGD ? new Sgd(c.learningRate()) : new Adam(c.learningRate());
    }

    private static ComputationGraphConfiguration.GraphBuilder base(Seq2SeqConfig c) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(c))
                .weightInit(WeightInit.XAVIER);
        if (c.clipNorm() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(c.clipNorm());
        }
        return b.graphBuilder();
    }

    private static ComputationGraphConfiguration trainingConfiguration(Seq2SeqConfig c, int sourceVocab, int targetVocab) {
        int e = c.embeddingSize();
        int h = c.hiddenSize();
        ComputationGraphConfiguration.GraphBuilder g = base(c).addInputs("src", "tgtIn")
                .addLayer("srcEmb", new EmbeddingSequenceLayer.Builder().nIn(sourceVocab).nOut(e).build(), "src")
                .addLayer("enc1", new Bidirectional(Bidirectional.Mode.CONCAT,
                        new LSTM.Builder().nIn(e).nOut(h).activation(Activation.TANH).build()), "srcEmb")
                .addLayer("enc2", new Bidirectional(Bidirectional.Mode.CONCAT,
                        new LSTM.Builder().nIn(2 * h).nOut(h).activation(Activation.TANH).build()), "enc1")
                .addVertex("encLast", new LastTimeStepVertex("src"), "enc2")
                .addLayer("encMean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "enc2")
                .addVertex("encBoth", new MergeVertex(), "encLast", "encMean")
                .addLayer("context", new DenseLayer.Builder().nIn(4 * h).nOut(h).activation(Activation.TANH).build(), "encBoth");
        addDecoder(g, c, targetVocab, "enc2");
        return g.setOutputs("out").build();
    }

    /** The decoder alone, fed the context vector, for step-by-step greedy decoding. */
    private static ComputationGraphConfiguration decoderConfiguration(Seq2SeqConfig c, int targetVocab) {
        ComputationGraphConfiguration.GraphBuilder g = base(c).addInputs("context", "tgtIn", "encOut");
        addDecoder(g, c, targetVocab, "encOut");
        return g.setOutputs("out").build();
    }

    private static void addDecoder(ComputationGraphConfiguration.GraphBuilder g, Seq2SeqConfig c, int targetVocab,
                                   String encoderStates) {
        int e = c.embeddingSize();
        int h = c.hiddenSize();
        g.addLayer(TARGET_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(targetVocab).nOut(e).build(), "tgtIn")
                .addVertex("ctxSeq", new DuplicateToTimeSeriesVertex("tgtIn"), "context")
                .addVertex("decIn", new MergeVertex(), TARGET_EMBEDDING, "ctxSeq")
                .addLayer("dec1", new LSTM.Builder().nIn(e + h).nOut(h).activation(Activation.TANH).build(), "decIn")
                .addVertex(ATTENTION, new AttentionVertex.Builder().nInQueries(h).nInKeys(2 * h).nInValues(2 * h)
                        .nOut(h).nHeads(1).projectInput(true).build(), "dec1", encoderStates, encoderStates)
                .addVertex("dec2In", new MergeVertex(), "dec1", ATTENTION)
                .addLayer("dec2", new LSTM.Builder().nIn(2 * h).nOut(h).activation(Activation.TANH).build(), "dec2In")
                .addLayer("out", new RnnOutputLayer.Builder(new LossSparseMCXENT()).nIn(h).nOut(targetVocab)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "dec2");
    }

    /**
     * Greedy decoding: the most probable token at each step, fed back as the next input, until
     * {@code </s>} or {@code maxLength} tokens. Sources are decoded in chunks of {@code batchSize}.
     */
    public List<int[]> translate(List<int[]> sources, int maxLength, int batchSize) {
        for (String layer : DECODER_LAYERS) {
            decoder.getLayer(layer).params().assign(graph.getLayer(layer).params());
        }
        decoder.getVertex(ATTENTION).params().assign(graph.getVertex(ATTENTION).params());
        List<int[]> out = new ArrayList<>(sources.size());
        for (int start = 0; start < sources.size(); start += batchSize) {
            out.addAll(translateChunk(sources.subList(start, Math.min(sources.size(), start + batchSize)), maxLength));
        }
        return out;
    }

    private List<int[]> translateChunk(List<int[]> sources, int maxLength) {
        int n = sources.size();
        INDArray[] src = Batches.source(sources);
        INDArray bos = Nd4j.valueArrayOf(new long[] {n, 1, 1}, (float) Vocabulary.BOS, DataType.FLOAT);
        graph.setLayerMaskArrays(new INDArray[] {src[1], Nd4j.ones(DataType.FLOAT, n, 1)}, null);
        Map<String, INDArray> acts = graph.feedForward(new INDArray[] {src[0], bos}, false, false);
        INDArray context = acts.get("context").dup();
        INDArray encoderStates = acts.get("enc2").dup();
        graph.clearLayerMaskArrays();
        graph.clearLayersStates();

        decoder.rnnClearPreviousState();
        decoder.setLayerMaskArrays(new INDArray[] {null, null, src[1]}, null);
        int[][] tokens = new int[n][maxLength];
        int[] lengths = new int[n];
        boolean[] done = new boolean[n];
        INDArray input = bos;
        for (int t = 0; t < maxLength; t++) {
            INDArray probs = decoder.rnnTimeStep(context, input, encoderStates)[0];
            INDArray next = probs.reshape(n, probs.size(1)).argMax(1);
            float[] nextIds = new float[n];
            boolean allDone = true;
            for (int i = 0; i < n; i++) {
                int id = next.getInt(i);
                nextIds[i] = id;
                if (!done[i]) {
                    if (id == Vocabulary.EOS) {
                        done[i] = true;
                    } else {
                        tokens[i][lengths[i]++] = id;
                    }
                }
                allDone &= done[i];
            }
            if (allDone) {
                break;
            }
            input = Nd4j.create(nextIds, new long[] {n, 1, 1}, DataType.FLOAT);
        }
        decoder.rnnClearPreviousState();
        decoder.clearLayerMaskArrays();
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOf(tokens[i], lengths[i]));
        }
        return out;
    }
}

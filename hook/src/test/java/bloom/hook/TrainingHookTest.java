package bloom.hook;

import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.TraceSink;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook on a network that is not the translator: a small MultiLayerNetwork. */
class TrainingHookTest {

    private static final class Recorder implements TraceSink {
        final List<StepRecord> steps = new ArrayList<>();
        final List<EmbeddingSnapshot> snapshots = new ArrayList<>();

        @Override
        public void step(StepRecord record) {
            steps.add(record);
        }

        @Override
        public void embeddings(EmbeddingSnapshot snapshot) {
            snapshots.add(snapshot);
        }
    }

    static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(updater).list()
                .layer(new EmbeddingLayer.Builder().nIn(20).nOut(8).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    static DataSet batch(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray tokens = Nd4j.createFromArray(new float[][] {{seed % 20}, {(seed * 7) % 20}, {(seed * 3) % 20}, {1}});
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, (seed + i) % 3, 1);
        }
        return new DataSet(tokens, labels);
    }

    @Test
    void recordsEveryMinibatchOfAnyNetwork() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = network(new Sgd(0.1));
        net.setListeners(new TrainingHook(r, new CountSketch(16, 3), TrainingHook.parameter("0_W"), 4, 0));
        net.getListeners().forEach(l -> l.onEpochStart(net));
        for (int i = 0; i < 10; i++) {
            net.fit(batch(i));
        }
        assertEquals(10, r.steps.size());
        assertEquals(List.of(0L, 4L, 8L), r.snapshots.stream().map(EmbeddingSnapshot::step).toList());
        assertEquals(20, r.snapshots.get(0).rows());
        assertEquals(8, r.snapshots.get(0).cols());
        for (int i = 0; i < 10; i++) {
            StepRecord s = r.steps.get(i);
            assertEquals(i + 1, s.step());
            assertEquals(16, s.sketchDims());
            assertTrue(s.finite() && s.paramNorm() > 0);
        }
    }

    /** A plain fit(DataSet) loop, with no epoch started, still records the embeddings before training. */
    @Test
    void aPlainFitLoopRecordsTheEmbeddingsBeforeTraining() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = network(new Sgd(0.1));
        INDArray before = net.paramTable().get("0_W").dup();
        net.setListeners(new TrainingHook(r, new CountSketch(16, 3), TrainingHook.parameter("0_W"), 4, 0));
        for (int i = 0; i < 5; i++) {
            net.fit(batch(i));
        }
        assertEquals(List.of(0L, 4L), r.snapshots.stream().map(EmbeddingSnapshot::step).toList());
        float[] first = r.snapshots.get(0).values();
        float[] expected = before.dup('c').data().asFloat();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, first, 0f, "taken before the first update");
    }

    /** A parameter that cannot be an embedding is refused before the first minibatch, naming it and its shape. */
    @Test
    void aBiasVectorIsNoEmbedding() {
        MultiLayerNetwork net = network(new Sgd(0.1));
        String bias = net.paramTable().keySet().stream().filter(k -> k.endsWith("_b")).findFirst().orElseThrow();
        TrainingHook hook = new TrainingHook(new Recorder(), new CountSketch(16, 3), TrainingHook.parameter(bias), 4, 0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> hook.onEpochStart(net));
        assertTrue(e.getMessage().startsWith("parameter '" + bias + "' has shape [") && e.getMessage().contains("2-D matrix"),
                e.getMessage());
        INDArray twoColumns = Nd4j.zeros(DataType.FLOAT, 10, 2);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingHook.requireEmbedding("proj_W", twoColumns));
        assertTrue(e.getMessage().contains("[10, 2]") && e.getMessage().contains("3 columns"), e.getMessage());
        TrainingHook.requireEmbedding("ok_W", Nd4j.zeros(DataType.FLOAT, 3, 3));
    }

    /** For plain SGD the applied update is the learning rate times the raw gradient. */
    @Test
    void sgdUpdateIsLearningRateTimesGradient() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = network(new Sgd(0.1));
        net.setListeners(new TrainingHook(r, new CountSketch(16, 3), null, 1, 0));
        for (int i = 0; i < 5; i++) {
            net.fit(batch(i));
        }
        for (StepRecord s : r.steps) {
            assertEquals(0.1, s.updateNorm() / s.gradNorm(), 1e-4, "step " + s.step());
        }
    }

    /** Adam's step is not proportional to the gradient: the hook records what was applied. */
    @Test
    void adamUpdateDiffersFromTheGradient() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = network(new Adam(0.01));
        net.setListeners(new TrainingHook(r, new CountSketch(16, 3), null, 1, 0));
        for (int i = 0; i < 5; i++) {
            net.fit(batch(i));
        }
        double first = r.steps.get(0).updateNorm() / r.steps.get(0).gradNorm();
        double last = r.steps.get(4).updateNorm() / r.steps.get(4).gradNorm();
        assertNotEquals(first, last, 1e-3);
        assertNotEquals(0.01, first, 1e-3);
    }

    @Test
    void nonFiniteLossesAreRecordedNotThrown() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = network(new Sgd(0.1));
        net.setListeners(new TrainingHook(r, new CountSketch(16, 3), null, 1, 0));
        DataSet bad = batch(1);
        bad.getLabels().putScalar(0, 0, Float.NaN);
        net.fit(bad);
        assertEquals(1, r.steps.size());
        assertTrue(!r.steps.get(0).finite(), "loss " + r.steps.get(0).loss());
    }
}

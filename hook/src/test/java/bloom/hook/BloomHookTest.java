package bloom.hook;

import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-call hook on ordinary DL4J networks, as a user attaches it. */
class BloomHookTest {

    @TempDir
    Path tmp;

    private static MultiLayerNetwork mlp(double lr) {
        return TrainingHookTest.network(new Sgd(lr));
    }

    private static DataSet batch(int seed) {
        return TrainingHookTest.batch(seed);
    }

    private static List<Long> snapshotSteps(Trace t) {
        return t.snapshots().stream().map(EmbeddingSnapshot::step).toList();
    }

    /** A plain fit(DataSet) loop: step-0 snapshot, epochs by endEpoch(), a trace every render command reads. */
    @Test
    void aPlainFitLoopRecordsEpochsAndTheStartingEmbeddings() throws Exception {
        MultiLayerNetwork net = mlp(0.1);
        INDArray before = net.getParam("0_W").dup();
        Path run = tmp.resolve("run");
        try (BloomHook hook = BloomHook.attach(net, run).embeddings("0", "W").sketchDims(16).snapshotEvery(4).start()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int i = 0; i < 5; i++) {
                    net.fit(batch(epoch * 5 + i));
                }
                hook.endEpoch();
            }
            assertEquals(15, hook.step());
        }
        Trace t = Trace.read(run.resolve(Trace.FILE));
        assertEquals(16, t.header().sketchDims());
        assertEquals(net.numParams(), t.header().parameters());
        assertEquals(0, t.header().specialRows());
        assertTrue(t.header().description().contains("0_W (20 x 8)"), t.header().description());
        assertEquals(15, t.steps().size());
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2), t.steps().stream().map(StepRecord::epoch).toList());
        assertEquals(List.of(0L, 4L, 5L, 8L, 10L, 12L, 15L), snapshotSteps(t));
        assertArrayEquals(before.dup('c').data().asFloat(), t.snapshots().get(0).values(), 0f, "step 0 is before any update");
        String training = Files.readString(run.resolve("training.json"));
        assertTrue(training.contains("\"steps\": 15") && training.contains("\"epochs\": 3"), training);
    }

    /** fit(iterator, epochs) reports its epochs itself; endEpoch() is not needed. */
    @Test
    void anIteratorRecordsItsEpochs() throws Exception {
        MultiLayerNetwork net = mlp(0.1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(batch(i));
        }
        DataSetIterator it = new ListDataSetIterator<>(batches, 1);
        Path run = tmp.resolve("it");
        try (BloomHook hook = BloomHook.attach(net, run).sketchDims(8).snapshotEvery(100).start()) {
            net.fit(it, 3);
        }
        Trace t = Trace.read(run.resolve(Trace.FILE));
        assertEquals(12, t.steps().size());
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2), t.steps().stream().map(StepRecord::epoch).toList());
        assertEquals(List.of(0L, 4L, 8L, 12L), snapshotSteps(t));
        assertTrue(t.header().description().contains("0_W"), "the embedding layer is the default: " + t.header().description());
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).graphBuilder()
                .addInputs("x")
                .addLayer("hidden", new DenseLayer.Builder().nIn(6).nOut(10).activation(Activation.RELU).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(10).nOut(2)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** fit(MultiDataSet) on a ComputationGraph; with no embedding named, the first weight matrix is filmed. */
    @Test
    void aGraphFitOnMultiDataSetsIsRecorded() throws Exception {
        ComputationGraph g = graph();
        Path run = tmp.resolve("graph");
        Nd4j.getRandom().setSeed(3);
        try (BloomHook hook = BloomHook.attach(g, run).start()) {
            for (int i = 0; i < 7; i++) {
                INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6);
                g.fit(new MultiDataSet(x, x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup()));
            }
        }
        Trace t = Trace.read(run.resolve(Trace.FILE));
        assertEquals(7, t.steps().size());
        assertEquals(BloomHook.DEFAULT_SKETCH_DIMS, t.steps().get(0).sketchDims());
        assertEquals(List.of(0L, 7L), snapshotSteps(t));
        assertEquals(6, t.snapshots().get(0).rows(), "hidden_W is 6 x 10");
        for (StepRecord s : t.steps()) {
            assertTrue(s.finite() && s.updateNorm() > 0 && s.gradNorm() > 0, "step " + s.step());
        }
        assertTrue(g.getListeners().isEmpty(), "close() detaches the hook");
    }

    /** The recorded norms are what happened: the update is the parameters' change, the parameter norm theirs. */
    @Test
    void recordsTheUpdateThatWasApplied() throws Exception {
        MultiLayerNetwork net = mlp(0.1);
        Path run = tmp.resolve("norms");
        List<Double> changes = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        try (BloomHook hook = BloomHook.attach(net, run).start()) {
            for (int i = 0; i < 5; i++) {
                INDArray before = net.params().dup();
                net.fit(batch(i));
                changes.add(before.sub(net.params()).norm2Number().doubleValue());
                norms.add(net.params().norm2Number().doubleValue());
            }
        }
        Trace t = Trace.read(run.resolve(Trace.FILE));
        for (int i = 0; i < 5; i++) {
            StepRecord s = t.steps().get(i);
            assertEquals(changes.get(i), s.updateNorm(), 1e-4 * changes.get(i), "update norm, step " + s.step());
            assertEquals(norms.get(i), s.paramNorm(), 1e-5 * norms.get(i), "parameter norm, step " + s.step());
            assertEquals(0.1, s.updateNorm() / s.gradNorm(), 1e-4, "SGD's update is lr times the mean gradient");
        }
    }

    @Test
    void refusesWhatCannotBeFilmedBeforeTraining() throws Exception {
        MultiLayerNetwork net = mlp(0.1);
        Path run = tmp.resolve("bad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BloomHook.attach(net, run).embeddings("1", "b").start());
        assertEquals("parameter '1_b' has shape [16]: an embedding must be a 2-D matrix of at least 3 rows (tokens) "
                + "and 3 columns (dimensions)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BloomHook.attach(net, run).embeddings("3", "W").start());
        assertTrue(e.getMessage().startsWith("embeddings(\"3\", \"W\"): the network has no parameter '3_W'; it has 0_W [20, 8]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BloomHook.attach(net, run).sketchDims(0).start());
        assertEquals("sketchDims 0: expected 1 to 4096 (default 64)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BloomHook.attach(net, run).specialRows(18).start());
        assertTrue(e.getMessage().startsWith("specialRows 18: expected 0 to 17"), e.getMessage());
        assertTrue(!Files.exists(run.resolve(Trace.FILE)), "nothing is written for a refused setting");

        MultiLayerNetwork conv = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build());
        conv.init();
        e = assertThrows(IllegalArgumentException.class, () -> BloomHook.attach(conv, run).embeddings("0", "W").start());
        assertEquals("parameter '0_W' has shape [8, 1, 3, 3]: an embedding must be a 2-D matrix of at least 3 rows (tokens) "
                + "and 3 columns (dimensions)", e.getMessage());

        try (BloomHook hook = BloomHook.attach(net, run).start()) {
            net.fit(batch(1));
        }
        IllegalStateException exists = assertThrows(IllegalStateException.class, () -> BloomHook.attach(net, run).start());
        assertTrue(exists.getMessage().contains("holds a run already"), exists.getMessage());
        BloomHook.attach(net, run).replaceExisting().start().close();
        assertEquals(0, Trace.read(run.resolve(Trace.FILE)).steps().size());
    }
}

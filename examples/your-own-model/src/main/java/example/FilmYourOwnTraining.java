package example;

import bloom.hook.BloomHook;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;

/**
 * Trains a small classifier on generated data with Bloom's hook attached, then says how to film it.
 *
 * <p>The data: 32 random features per example, labelled by a fixed random "teacher" network, so
 * there is something real to learn and nothing to download. Arguments: the run directory
 * (default {@code runs/your-own-model}) and the number of epochs (default 8).
 */
public final class FilmYourOwnTraining {

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : "runs/your-own-model");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;

        MultiLayerNetwork network = classifier();
        DataSet[] batches = teacherData(50, 64);

        // The five lines: attach, name the matrix whose rows colour the palette, start, train, close.
        try (BloomHook hook = BloomHook.attach(network, run)
                .embeddings("0", "W")
                .replaceExisting()
                .start()) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (DataSet batch : batches) {
                    network.fit(batch);
                }
                hook.endEpoch(); // a hand-written loop tells the hook where epochs end
            }
            System.out.printf("recorded %d minibatches, last loss %.3f%n", hook.step(), network.score());
        }
        System.out.println("film it:  ./bloom render " + run.toAbsolutePath());
    }

    /** 32 inputs, two hidden layers of 64, 10 classes; Adam. */
    static MultiLayerNetwork classifier() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(32).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(64).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** Minibatches of random inputs labelled by the argmax of a fixed random linear teacher. */
    static DataSet[] teacherData(int count, int size) {
        Nd4j.getRandom().setSeed(11);
        INDArray teacher = Nd4j.randn(32, 10);
        DataSet[] out = new DataSet[count];
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.randn(size, 32);
            INDArray classes = x.mmul(teacher).argMax(1);
            INDArray y = Nd4j.zeros(size, 10);
            for (int r = 0; r < size; r++) {
                y.putScalar(r, classes.getInt(r), 1.0);
            }
            out[i] = new DataSet(x, y);
        }
        return out;
    }
}

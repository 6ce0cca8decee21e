package bloom.nmt.net;

import bloom.nmt.model.Batches;
import bloom.nmt.model.EncodedPair;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.nmt.model.Dl4jTranslator;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The translator computes what the DL4J ComputationGraph it replaced computes: the same loss and
 * the same gradient for every parameter, given the same parameters and minibatch.
 */
class TranslatorParityTest {

    static final int VS = 23;
    static final int VT = 19;

    static List<EncodedPair> batch(Random rnd, int n, boolean equalSources) {
        List<EncodedPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[equalSources ? 6 : 1 + rnd.nextInt(7)];
            int[] t = new int[1 + rnd.nextInt(6)];
            for (int k = 0; k < s.length; k++) {
                s[k] = 3 + rnd.nextInt(VS - 3);
            }
            for (int k = 0; k < t.length; k++) {
                t[k] = 3 + rnd.nextInt(VT - 3);
            }
            out.add(new EncodedPair(s, t));
        }
        return out;
    }

    /** Copies the graph's parameters into the translator's layout. */
    static float[] fromGraph(ComputationGraph g, Translator layout) {
        Map<String, INDArray> t = g.paramTable();
        float[] p = new float[layout.params().length];
        int[] at = {0};
        java.util.function.Consumer<INDArray> rowMajor = a -> {
            INDArray m = a.rank() == 1 ? a.reshape(1, a.length()) : a;
            for (int r = 0; r < m.size(0); r++) {
                for (int c = 0; c < m.size(1); c++) {
                    p[at[0]++] = m.getFloat(r, c);
                }
            }
        };
        java.util.function.Consumer<INDArray> transposed = a -> {
            INDArray m = a.rank() == 3 ? a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)) : a;
            rowMajor.accept(m.transpose());
        };
        rowMajor.accept(t.get("srcEmb_W"));
        for (String l : new String[] {"enc1", "enc2"}) {
            for (String d : new String[] {"f", "b"}) {
                rowMajor.accept(t.get(l + "_" + d + "W"));
                rowMajor.accept(t.get(l + "_" + d + "RW"));
                rowMajor.accept(t.get(l + "_" + d + "b"));
            }
        }
        rowMajor.accept(t.get("context_W"));
        rowMajor.accept(t.get("context_b"));
        rowMajor.accept(t.get("tgtEmb_W"));
        for (String k : new String[] {"dec1_W", "dec1_RW", "dec1_b"}) {
            rowMajor.accept(t.get(k));
        }
        transposed.accept(t.get("attention_Wq"));
        transposed.accept(t.get("attention_Wk"));
        transposed.accept(t.get("attention_Wv"));
        rowMajor.accept(t.get("attention_Wo"));
        for (String k : new String[] {"dec2_W", "dec2_RW", "dec2_b", "out_W", "out_b"}) {
            rowMajor.accept(t.get(k));
        }
        assertEquals(p.length, at[0]);
        return p;
    }

    /**
     * The DL4J graph's forward pass, loss and gradient on one minibatch against the translator's.
     * Two differences of the graph are known and pinned here: (1) its second encoder layer did not
     * receive the source mask, so its backward direction read the padding first (the translator
     * masks both layers; the batch here has sources of one length, where the two agree, and
     * {@code TranslatorGradientTest} checks mixed lengths against central differences); (2) its
     * SameDiff attention vertex returned twice the true gradient of its parameters and inputs,
     * so the attention parameters are compared at half DL4J's value and the layers behind the
     * attention in backpropagation (dec1, embeddings, context, encoder) are not compared.
     */
    @Test
    void forwardPassAndLossMatchTheDl4jGraph() {
        Dl4jTranslator dl4j = Dl4jTranslator.create(new Seq2SeqConfig(16, 16, Seq2SeqConfig.Optimizer.SGD, 0.1, 0, 11), VS, VT);
        ComputationGraph graph = dl4j.graph();
        Translator.Shape shape = new Translator.Shape(VS, VT, 16, 16);
        Translator ours = Translator.of(shape, fromGraph(graph, Translator.create(shape, 0)));
        List<EncodedPair> pairs = batch(new Random(5), 9, true);

        org.nd4j.linalg.dataset.api.MultiDataSet ds = Batches.toDataSet(pairs);
        graph.setInputs(ds.getFeatures());
        graph.setLabels(ds.getLabels());
        graph.setLayerMaskArrays(ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
        graph.computeGradientAndScore();
        double dl4jScore = graph.score();
        Gradient grad = graph.gradient();

        double loss = ours.lossAndGradient(Batches.toBatch(pairs));
        assertEquals(dl4jScore, loss, 1e-5 * Math.abs(dl4jScore), "loss");

        // DL4J's raw gradient is summed over the minibatch; the translator's is of the mean loss.
        ComputationGraph copy = graph.clone();
        copy.params().assign(grad.gradient().reshape(grad.gradient().length()));
        float[] expected = fromGraph(copy, ours);
        float[] actual = ours.gradient();
        for (String name : new String[] {"out", "dec2", "attention"}) {
            Translator.Layer l = ours.layer(name);
            double factor = name.equals("attention") ? 0.5 : 1;
            double diff = 0;
            double norm = 0;
            for (int i = l.offset(); i < l.offset() + l.length(); i++) {
                double ex = factor * expected[i] / pairs.size();
                diff += (actual[i] - ex) * (actual[i] - ex);
                norm += ex * ex;
            }
            double rel = Math.sqrt(diff) / Math.sqrt(norm);
            assertTrue(norm > 0 && rel < 1e-4, name + ": relative difference " + rel);
        }
    }
}

package bloom.nmt.net;

import bloom.nmt.model.Batches;
import bloom.nmt.model.EncodedPair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The translator's gradient is the derivative of its loss: central differences, layer by layer. */
class TranslatorGradientTest {

    @Test
    void gradientMatchesCentralDifferencesInEveryLayer() {
        Translator.Shape shape = new Translator.Shape(TranslatorParityTest.VS, TranslatorParityTest.VT, 8, 8);
        Translator t = Translator.create(shape, 3);
        // larger weights than at initialisation, so that every path carries a measurable gradient
        float[] p = t.params();
        for (int i = 0; i < p.length; i++) {
            p[i] *= 3;
        }
        List<EncodedPair> pairs = TranslatorParityTest.batch(new Random(9), 6, false);
        Translator.Batch batch = Batches.toBatch(pairs);
        t.lossAndGradient(batch);
        float[] grad = t.gradient().clone();
        Random rnd = new Random(1);
        float eps = 1e-2f;
        for (Translator.Layer l : t.layers()) {
            double dot = 0;
            double nn = 0;
            double ne = 0;
            for (int k = 0; k < 40; k++) {
                int i = l.offset() + rnd.nextInt(l.length());
                float keep = p[i];
                p[i] = keep + eps;
                double up = t.lossAndGradient(batch);
                p[i] = keep - eps;
                double down = t.lossAndGradient(batch);
                p[i] = keep;
                double numeric = (up - down) / (2 * eps);
                dot += numeric * grad[i];
                nn += numeric * numeric;
                ne += (double) grad[i] * grad[i];
            }
            double ratio = Math.sqrt(ne / nn);
            double cos = dot / Math.sqrt(nn * ne);
            System.out.printf("%-10s analytic/numeric norm %.4f, cosine %.5f%n", l.name(), ratio, cos);
            assertTrue(cos > 0.999 && Math.abs(ratio - 1) < 0.01, l.name() + ": cosine " + cos + ", norm ratio " + ratio);
        }
    }
}

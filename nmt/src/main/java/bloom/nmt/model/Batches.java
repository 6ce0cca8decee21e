package bloom.nmt.model;

import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.net.Translator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns encoded pairs into padded, masked minibatches for {@link Seq2SeqModel}. Inputs are the
 * source ids {@code [batch, 1, srcLen]} and the decoder input {@code <s> y1 .. yn}
 * {@code [batch, 1, tgtLen]}; labels are {@code y1 .. yn </s>} as class indices. Masks mark the
 * real time steps.
 */
public final class Batches {

    private Batches() {}

    /**
     * The minibatches of one epoch: a seeded shuffle, then pairs of similar length grouped into
     * batches (less padding, faster steps), then the batch order shuffled again.
     */
    public static List<List<EncodedPair>> epoch(List<EncodedPair> pairs, int batchSize, long seed, int epoch) {
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        List<EncodedPair> shuffled = new ArrayList<>(pairs);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            EncodedPair t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int pool = batchSize * 32;
        List<List<EncodedPair>> batches = new ArrayList<>();
        for (int start = 0; start < shuffled.size(); start += pool) {
            List<EncodedPair> chunk = new ArrayList<>(shuffled.subList(start, Math.min(shuffled.size(), start + pool)));
            chunk.sort(Comparator.comparingInt((EncodedPair p) -> p.source().length).thenComparingInt(p -> p.target().length));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(List.copyOf(chunk.subList(b, Math.min(chunk.size(), b + batchSize))));
            }
        }
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            List<EncodedPair> t = batches.get(i);
            batches.set(i, batches.get(j));
            batches.set(j, t);
        }
        return batches;
    }

    /** Source ids {@code [n, 1, len]} and mask {@code [n, len]}; the source ends with {@code </s>}. */
    static INDArray[] source(List<int[]> sources) {
        int len = 0;
        for (int[] s : sources) {
            len = Math.max(len, s.length + 1);
        }
        float[] ids = new float[sources.size() * len];
        float[] mask = new float[sources.size() * len];
        for (int i = 0; i < sources.size(); i++) {
            int[] s = sources.get(i);
            for (int t = 0; t <= s.length; t++) {
                ids[i * len + t] = t < s.length ? s[t] : Vocabulary.EOS;
                mask[i * len + t] = 1;
            }
        }
        return new INDArray[] {
                Nd4j.create(ids, new long[] {sources.size(), 1, len}, DataType.FLOAT),
                Nd4j.create(mask, new long[] {sources.size(), len}, DataType.FLOAT)};
    }

    /** The batch in the time-major layout of {@link bloom.nmt.net.Translator}. */
    public static Translator.Batch toBatch(List<EncodedPair> batch) {
        int n = batch.size();
        int ts = 0;
        int tt = 0;
        for (EncodedPair p : batch) {
            ts = Math.max(ts, p.source().length + 1);
            tt = Math.max(tt, p.target().length + 1);
        }
        int[] src = new int[ts * n];
        int[] srcLen = new int[n];
        int[] decIn = new int[tt * n];
        int[] labels = new int[tt * n];
        int[] tgtLen = new int[n];
        for (int i = 0; i < n; i++) {
            int[] s = batch.get(i).source();
            int[] y = batch.get(i).target();
            srcLen[i] = s.length + 1;
            tgtLen[i] = y.length + 1;
            for (int t = 0; t <= s.length; t++) {
                src[t * n + i] = t < s.length ? s[t] : Vocabulary.EOS;
            }
            for (int t = 0; t <= y.length; t++) {
                decIn[t * n + i] = t == 0 ? Vocabulary.BOS : y[t - 1];
                labels[t * n + i] = t < y.length ? y[t] : Vocabulary.EOS;
            }
        }
        return new Translator.Batch(n, ts, src, srcLen, tt, decIn, labels, tgtLen);
    }

    public static MultiDataSet toDataSet(List<EncodedPair> batch) {
        int n = batch.size();
        List<int[]> sources = new ArrayList<>(n);
        int tgtLen = 0;
        for (EncodedPair p : batch) {
            sources.add(p.source());
            tgtLen = Math.max(tgtLen, p.target().length + 1);
        }
        INDArray[] src = source(sources);
        float[] decIn = new float[n * tgtLen];
        float[] labels = new float[n * tgtLen];
        float[] mask = new float[n * tgtLen];
        for (int i = 0; i < n; i++) {
            int[] y = batch.get(i).target();
            for (int t = 0; t <= y.length; t++) {
                decIn[i * tgtLen + t] = t == 0 ? Vocabulary.BOS : y[t - 1];
                labels[i * tgtLen + t] = t < y.length ? y[t] : Vocabulary.EOS;
                mask[i * tgtLen + t] = 1;
            }
        }
        INDArray decoderInput = Nd4j.create(decIn, new long[] {n, 1, tgtLen}, DataType.FLOAT);
        INDArray labelArray = Nd4j.create(labels, new long[] {n, 1, tgtLen}, DataType.FLOAT);
        INDArray maskArray = Nd4j.create(mask, new long[] {n, tgtLen}, DataType.FLOAT);
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {src[0], decoderInput},
                new INDArray[] {labelArray},
                new INDArray[] {src[1], maskArray},
                new INDArray[] {maskArray});
    }
}

package bloom.nmt.model;

import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.net.Optimizer;
import bloom.nmt.net.Translator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The translator with its optimizer: one {@link #fit} per minibatch, greedy translation, and a
 * model file that holds both, so a resumed run continues exactly where it stopped.
 *
 * <p>The network is {@link Translator}: two bidirectional LSTM encoder layers, a context vector
 * from the last step and the mean, two LSTM decoder layers with attention after the first.
 * {@value #TARGET_EMBEDDING} names its target embedding matrix {@code [targetVocabulary][embedding]}.
 */
public final class Seq2SeqModel {

    public static final String TARGET_EMBEDDING = "tgtEmb";
    private static final long MAGIC = 0x424c4f4f4d4e4d54L; // "BLOOMNMT"
    private static final int VERSION = 1;

    /** What one minibatch did. */
    public record Step(double loss, double gradNorm, double updateNorm, double paramNorm) {}

    private final Seq2SeqConfig config;
    private final Translator net;
    private final Optimizer optimizer;

    private Seq2SeqModel(Seq2SeqConfig config, Translator net) {
        this.config = config;
        this.net = net;
        this.optimizer = new Optimizer(config.optimizer() == Seq2SeqConfig.Optimizer.SGD ? Optimizer.Kind.SGD : Optimizer.Kind.ADAM,
                config.clipNorm(), net.params().length);
    }

    public static Seq2SeqModel create(Seq2SeqConfig config, int sourceVocab, int targetVocab) {
        return new Seq2SeqModel(config, Translator.create(shape(config, sourceVocab, targetVocab), config.seed()));
    }

    private static Translator.Shape shape(Seq2SeqConfig c, int sourceVocab, int targetVocab) {
        return new Translator.Shape(sourceVocab, targetVocab, c.embeddingSize(), c.hiddenSize());
    }

    /** Loads a model written by {@link #save}, with its optimizer state. */
    public static Seq2SeqModel load(Seq2SeqConfig config, Path file, int sourceVocab, int targetVocab) throws IOException {
        Translator.Shape shape = shape(config, sourceVocab, targetVocab);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + ": not a Bloom translator model (version " + VERSION + ")");
            }
            Translator.Shape saved = new Translator.Shape(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            if (!saved.equals(shape)) {
                throw new IOException(file + ": the model is " + saved + ", the run's configuration asks for " + shape);
            }
            Seq2SeqConfig.Optimizer kind = Seq2SeqConfig.Optimizer.values()[in.readInt()];
            if (kind != config.optimizer()) {
                throw new IOException(file + ": the model was trained with " + kind + ", the configuration asks for " + config.optimizer());
            }
            Seq2SeqModel m = new Seq2SeqModel(config, Translator.of(shape, readFloats(in, Translator.create(shape, 0).params().length)));
            m.optimizer.restoreSteps(in.readLong());
            if (m.optimizer.firstMoment() != null) {
                readInto(in, m.optimizer.firstMoment());
                readInto(in, m.optimizer.secondMoment());
            }
            return m;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated model file");
        }
    }

    /** Writes the parameters and the optimizer state. */
    public void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            Translator.Shape s = net.shape();
            out.writeInt(s.sourceVocabulary());
            out.writeInt(s.targetVocabulary());
            out.writeInt(s.embedding());
            out.writeInt(s.hidden());
            out.writeInt(config.optimizer().ordinal());
            writeFloats(out, net.params());
            out.writeLong(optimizer.steps());
            if (optimizer.firstMoment() != null) {
                writeFloats(out, optimizer.firstMoment());
                writeFloats(out, optimizer.secondMoment());
            }
        }
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int expected) throws IOException {
        float[] a = new float[expected];
        readInto(in, a);
        return a;
    }

    private static void readInto(DataInputStream in, float[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException("expected " + a.length + " values, the file has " + n);
        }
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
    }

    public Seq2SeqConfig config() {
        return config;
    }

    public Translator net() {
        return net;
    }

    public long numParams() {
        return net.params().length;
    }

    /**
     * Trains on one minibatch at {@code learningRate}: the loss and its gradient, then the
     * optimizer's step. Afterwards {@link #lastUpdate()} holds the update that was applied.
     */
    public Step fit(List<EncodedPair> batch, double learningRate) {
        double loss = net.lossAndGradient(Batches.toBatch(batch));
        float[] g = net.gradient();
        double gradNorm = norm(g);
        optimizer.step(net, learningRate);
        return new Step(loss, gradNorm, norm(g), norm(net.params()));
    }

    /** The update subtracted by the last {@link #fit}, a live view. */
    public float[] lastUpdate() {
        return net.gradient();
    }

    /** The target embedding matrix, copied: {@code [targetVocabulary][embedding]} row-major. */
    public float[] targetEmbeddings() {
        int n = net.shape().targetVocabulary() * net.shape().embedding();
        float[] out = new float[n];
        System.arraycopy(net.params(), net.targetEmbeddingOffset(), out, 0, n);
        return out;
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * Greedy decoding: the most probable token at each step, fed back as the next input, until
     * {@code </s>} or {@code maxLength} tokens. Sources are decoded in chunks of {@code batchSize}.
     */
    public List<int[]> translate(List<int[]> sources, int maxLength, int batchSize) {
        List<int[]> out = new ArrayList<>(sources.size());
        for (int start = 0; start < sources.size(); start += batchSize) {
            List<int[]> chunk = new ArrayList<>();
            for (int[] s : sources.subList(start, Math.min(sources.size(), start + batchSize))) {
                int[] withEos = java.util.Arrays.copyOf(s, s.length + 1);
                withEos[s.length] = Vocabulary.EOS;
                chunk.add(withEos);
            }
            out.addAll(net.translate(chunk, Vocabulary.BOS, Vocabulary.EOS, maxLength));
        }
        return out;
    }
}

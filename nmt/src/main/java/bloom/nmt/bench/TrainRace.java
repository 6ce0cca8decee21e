package bloom.nmt.bench;

import bloom.nmt.bpe.BytePairEncoding;
import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.SentencePair;
import bloom.hook.CountSketch;
import bloom.hook.StepRecorder;
import bloom.hook.TrainingHook;
import bloom.nmt.model.Batches;
import bloom.nmt.model.Dl4jTranslator;
import bloom.nmt.model.EncodedPair;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.nmt.model.Seq2SeqModel;
import bloom.nmt.net.Translator;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training race of {@code bloom bench train}: Bloom's translator, with its hook recording
 * every step, against the same network in PyTorch ({@code train_reference.py}) on the same
 * minibatches from the same initial parameters; optionally also the DL4J graph Bloom used before.
 */
public final class TrainRace {

    /** One contender's minibatches: seconds and loss per minibatch. */
    public record Run(String name, int threads, double[] seconds, double[] losses, String blas) {
        public double medianSeconds() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
    }

    /** The minibatches and the model they train, prepared once for every contender. */
    public record Data(Seq2SeqConfig model, int sourceVocabulary, int targetVocabulary, List<List<EncodedPair>> batches,
                       int sketchDims) {}

    private TrainRace() {}

    /**
     * Learns BPE on the corpus's training side as a run does, and takes the first {@code count}
     * minibatches of its epochs.
     */
    public static Data prepare(Corpus corpus, Seq2SeqConfig model, int bpeMerges, int maxTokens, int batchSize, int count,
                               long seed) {
        List<String> text = new ArrayList<>();
        for (SentencePair p : corpus.train()) {
            text.add(p.source());
            text.add(p.target());
        }
        BytePairEncoding bpe = BytePairEncoding.learn(text, bpeMerges);
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        for (SentencePair p : corpus.train()) {
            List<String> s = bpe.encode(p.source());
            List<String> t = bpe.encode(p.target());
            if (s.size() <= maxTokens && t.size() <= maxTokens) {
                src.add(s);
                tgt.add(t);
            }
        }
        Vocabulary vs = Vocabulary.build(src);
        Vocabulary vt = Vocabulary.build(tgt);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            pairs.add(new EncodedPair(vs.ids(src.get(i)), vt.ids(tgt.get(i))));
        }
        List<List<EncodedPair>> batches = new ArrayList<>();
        for (int epoch = 0; batches.size() < count; epoch++) {
            for (List<EncodedPair> b : Batches.epoch(pairs, batchSize, seed, epoch)) {
                if (batches.size() < count) {
                    batches.add(b);
                }
            }
        }
        return new Data(model, vs.size(), vt.size(), batches, 64);
    }

    /** Bloom's translator on one thread, the hook recording every step to a trace in {@code scratch}. */
    public static Run bloom(Data d, Path scratch, IntConsumer progress) throws IOException {
        Seq2SeqModel model = Seq2SeqModel.create(d.model(), d.sourceVocabulary(), d.targetVocabulary());
        int n = d.batches().size();
        double[] seconds = new double[n];
        double[] losses = new double[n];
        int rows = d.targetVocabulary();
        int cols = d.model().embeddingSize();
        try (TraceWriter trace = TraceWriter.create(scratch.resolve("bloom-trace.bin"),
                new TraceHeader(d.sketchDims(), 7, model.numParams(), "bench"))) {
            StepRecorder hook = new StepRecorder(trace, new CountSketch(d.sketchDims(), 7),
                    step -> new EmbeddingSnapshot(step, rows, cols, model.targetEmbeddings()), 10, 0);
            hook.epochStart();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Seq2SeqModel.Step s = model.fit(d.batches().get(i), d.model().learningRate());
                hook.record(0, s.loss(), s.gradNorm(), model.lastUpdate(), s.updateNorm(), s.paramNorm());
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                losses[i] = s.loss();
                progress.accept(i + 1);
            }
        }
        return new Run("Bloom", 1, seconds, losses, "");
    }

    /** The DL4J ComputationGraph of the same network, with the DL4J hook, on ND4J's threads. */
    public static Run dl4j(Data d, Path scratch, int threads, IntConsumer progress) throws IOException {
        Dl4jTranslator model = Dl4jTranslator.create(d.model(), d.sourceVocabulary(), d.targetVocabulary());
        ComputationGraph graph = model.graph();
        int n = d.batches().size();
        double[] seconds = new double[n];
        double[] losses = new double[n];
        try (TraceWriter trace = TraceWriter.create(scratch.resolve("dl4j-trace.bin"),
                new TraceHeader(d.sketchDims(), 7, graph.numParams(), "bench"))) {
            graph.setListeners(new TrainingHook(trace, new CountSketch(d.sketchDims(), 7),
                    TrainingHook.parameter(Dl4jTranslator.TARGET_EMBEDDING + "_W"), 10, 0));
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                graph.fit(Batches.toDataSet(d.batches().get(i)));
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                losses[i] = graph.score();
                progress.accept(i + 1);
            }
            graph.setListeners();
        }
        return new Run("DL4J graph", threads, seconds, losses, "");
    }

    /** Writes what the reference script reads: sizes, optimizer, Bloom's initial parameters, the batches. */
    public static void writeReferenceInput(Data d, Path file) throws IOException {
        Seq2SeqModel model = Seq2SeqModel.create(d.model(), d.sourceVocabulary(), d.targetVocabulary());
        float[] p = model.net().params();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            int[] head = {0x424C4D54, 1, d.sourceVocabulary(), d.targetVocabulary(), d.model().embeddingSize(),
                    d.model().hiddenSize(), d.model().optimizer() == Seq2SeqConfig.Optimizer.SGD ? 0 : 1, d.batches().size()};
            for (int v : head) {
                writeInt(out, buf, v);
            }
            writeDouble(out, buf, d.model().learningRate());
            writeDouble(out, buf, d.model().clipNorm());
            writeInt(out, buf, p.length);
            for (float v : p) {
                buf.clear();
                buf.putFloat(v);
                out.write(buf.array(), 0, 4);
            }
            for (List<EncodedPair> b : d.batches()) {
                Translator.Batch t = Batches.toBatch(b);
                writeInt(out, buf, t.batch());
                writeInt(out, buf, t.sourceSteps());
                writeInt(out, buf, t.targetSteps());
                for (int[] a : new int[][] {t.source(), t.sourceLength(), t.targetIn(), t.labels(), t.targetLength()}) {
                    for (int v : a) {
                        writeInt(out, buf, v);
                    }
                }
            }
        }
    }

    private static void writeInt(OutputStream out, ByteBuffer buf, int v) throws IOException {
        buf.clear();
        buf.putInt(v);
        out.write(buf.array(), 0, 4);
    }

    private static void writeDouble(OutputStream out, ByteBuffer buf, double v) throws IOException {
        buf.clear();
        buf.putDouble(v);
        out.write(buf.array(), 0, 8);
    }

    private static final Pattern LINE = Pattern.compile("\\{\"batch\": (\\d+), \"seconds\": ([0-9.eE+-]+), \"loss\": ([0-9.eE+-]+|NaN|Infinity)\\}");

    /** The reference script on {@code python} with {@code threads} threads, over the file {@link #writeReferenceInput} wrote. */
    public static Run reference(Path python, Path input, int count, int threads, Path scratch, IntConsumer progress)
            throws IOException, InterruptedException {
        Path script = scratch.resolve("train_reference.py");
        try (InputStream in = TrainRace.class.getResourceAsStream("train_reference.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), input.toString(), Integer.toString(threads));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        // PyTorch parallelises over its own threads; OpenBLAS threads inside them only oversubscribe
        // the cores (measured: 0.051 s per minibatch with 2 torch threads and 1 OpenBLAS thread, 0.174 s with 2 and 2).
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        // Some machines pin OpenBLAS to an older core type for old builds' sake; it slows Debian's
        // current OpenBLAS, so the reference runs with its own detection (its losses are compared).
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.redirectError(scratch.resolve("reference.err").toFile());
        Process p = pb.start();
        double[] seconds = new double[count];
        double[] losses = new double[count];
        int seen = 0;
        String blas = "unknown";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = LINE.matcher(line.trim());
                if (line.startsWith("{\"blas\"")) {
                    blas = line;
                }
                if (!m.matches()) {
                    continue;
                }
                int i = Integer.parseInt(m.group(1));
                if (i < count) {
                    seconds[i] = Double.parseDouble(m.group(2));
                    losses[i] = Double.parseDouble(m.group(3));
                    seen++;
                    progress.accept(seen);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || seen != count) {
            List<String> err = Files.readAllLines(scratch.resolve("reference.err"), StandardCharsets.UTF_8);
            String last = err.isEmpty() ? "no message" : err.get(err.size() - 1);
            throw new IOException("the PyTorch reference (" + python + " " + script.getFileName() + ") exited with " + rc
                    + " after " + seen + " of " + count + " minibatches: " + last);
        }
        return new Run("PyTorch", threads, seconds, losses, blas);
    }
}

package bloom.nmt.bench;

import bloom.nmt.bpe.BytePairEncoding;
import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.SentencePair;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.hook.CountSketch;
import bloom.nmt.hook.TrainingHook;
import bloom.nmt.model.Batches;
import bloom.nmt.model.Dl4jTranslator;
import bloom.nmt.model.EncodedPair;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * What the DL4J training hook costs: the same minibatches of the embedded corpus trained on the
 * DL4J translator with and without {@link TrainingHook}, in alternating blocks so that drift in
 * machine load hits both alike. Behind {@code bloom bench hook}.
 */
public final class HookRace {

    /** Median seconds per minibatch without and with the hook, over {@code batches} each. */
    public record Result(long parameters, int batches, double withoutSeconds, double withSeconds) {
        public double ratio() {
            return withSeconds / withoutSeconds;
        }
    }

    private HookRace() {}

    /**
     * Runs the race.
     *
     * @param progress hears the minibatches timed so far, of {@code 2 * batches}
     */
    public static Result run(int batches, int block, Seq2SeqConfig model, int snapshotEvery, Consumer<String> log,
                             LongConsumer progress) throws IOException {
        if (batches < block || block < 1) {
            throw new IllegalArgumentException("batches must be at least block, and block at least 1");
        }
        Corpus corpus = SyntheticCorpus.generate(7, 6400, 0, 1);
        List<String> text = new ArrayList<>();
        corpus.train().forEach(p -> {
            text.add(p.source());
            text.add(p.target());
        });
        BytePairEncoding bpe = BytePairEncoding.learn(text, BytePairEncoding.DEFAULT_MERGES);
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        for (SentencePair p : corpus.train()) {
            src.add(bpe.encode(p.source()));
            tgt.add(bpe.encode(p.target()));
        }
        Vocabulary vs = Vocabulary.build(src);
        Vocabulary vt = Vocabulary.build(tgt);
        List<EncodedPair> pairs = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            pairs.add(new EncodedPair(vs.ids(src.get(i)), vt.ids(tgt.get(i))));
        }
        List<MultiDataSet> data = new ArrayList<>();
        for (List<EncodedPair> b : Batches.epoch(pairs, 64, 7, 0)) {
            data.add(Batches.toDataSet(b));
        }
        Dl4jTranslator translator = Dl4jTranslator.create(model, vs.size(), vt.size());
        ComputationGraph graph = translator.graph();
        Path dir = Files.createTempDirectory("bloom-bench-hook");
        try (TraceWriter trace = TraceWriter.create(dir.resolve("trace.bin"), new TraceHeader(64, 7, graph.numParams(), "bench"))) {
            TrainingHook hook = new TrainingHook(trace, new CountSketch(64, 7),
                    TrainingHook.parameter(Dl4jTranslator.TARGET_EMBEDDING + "_W"), snapshotEvery, 0);
            log.accept(graph.numParams() + " parameters; warming up");
            for (int i = 0; i < 2 * block; i++) {
                graph.fit(data.get(i % data.size()));
            }
            double[] without = new double[batches];
            double[] with = new double[batches];
            long done = 0;
            for (int start = 0; start < batches; start += block) {
                for (int pass = 0; pass < 2; pass++) {
                    boolean hooked = (pass == 0) == ((start / block) % 2 == 0);
                    graph.setListeners(hooked ? List.of(hook) : List.of());
                    for (int i = start; i < Math.min(batches, start + block); i++) {
                        MultiDataSet ds = data.get(i % data.size());
                        long t0 = System.nanoTime();
                        graph.fit(ds);
                        (hooked ? with : without)[i] = (System.nanoTime() - t0) / 1e9;
                        progress.accept(++done);
                    }
                }
            }
            graph.setListeners();
            return new Result(graph.numParams(), batches, median(without), median(with));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        int n = f.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
    }
}

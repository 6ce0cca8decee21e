package bloom.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "hook", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Measure what the training hook costs: the same minibatches are trained with and without it, in "
                        + "alternating blocks so that drift in machine load hits both alike, and the median times "
                        + "per minibatch are compared.",
                ""})
final class BenchHookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "100",
            description = "Minibatches timed with the hook, and as many without (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--block", paramLabel = "N", defaultValue = "5",
            description = "Minibatches per alternating block (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + Seq2SeqConfig.DEFAULT_HIDDEN,
            description = "LSTM units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "sgd", description = "(default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "10",
            description = "Embedding snapshot interval, as in a run (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (batches < block || block < 1) {
            throw BloomException.usage("--batches must be at least --block, and --block at least 1");
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
        Seq2SeqConfig.Optimizer opt = TrainingSettings.optimizer(optimizer);
        Dl4jTranslator model = Dl4jTranslator.create(new Seq2SeqConfig(64, hidden, opt,
                TrainingOptions.defaultLearningRate(opt), 5, 7), vs.size(), vt.size());
        ComputationGraph graph = model.graph();
        Path dir = Files.createTempDirectory("bloom-bench-hook");
        try (TraceWriter trace = TraceWriter.create(dir.resolve("trace.bin"), new TraceHeader(64, 7, graph.numParams(), "bench"))) {
            TrainingHook hook = new TrainingHook(trace, new CountSketch(64, 7),
                    TrainingHook.parameter(Dl4jTranslator.TARGET_EMBEDDING + "_W"), snapshotEvery, 0);
            RunCommand.log(err, graph.numParams() + " parameters; warming up");
            for (int i = 0; i < 2 * block; i++) {
                graph.fit(data.get(i % data.size()));
            }
            double[] without = new double[batches];
            double[] with = new double[batches];
            ProgressBar bar = ProgressBar.stderr("benchmark", 2L * batches, "batches");
            int done = 0;
            for (int start = 0; start < batches; start += block) {
                for (int pass = 0; pass < 2; pass++) {
                    boolean hooked = (pass == 0) == ((start / block) % 2 == 0);
                    graph.setListeners(hooked ? List.of(hook) : List.of());
                    for (int i = start; i < Math.min(batches, start + block); i++) {
                        MultiDataSet ds = data.get(i % data.size());
                        long t0 = System.nanoTime();
                        graph.fit(ds);
                        double s = (System.nanoTime() - t0) / 1e9;
                        (hooked ? with : without)[i] = s;
                        bar.update(++done, "");
                    }
                }
            }
            bar.finish("");
            graph.setListeners();
            double a = Stats.median(without);
            double b = Stats.median(with);
            out.printf(Locale.ROOT, "minibatch without hook: %.1f ms (median of %d)%n", a * 1000, batches);
            out.printf(Locale.ROOT, "minibatch with hook:    %.1f ms (median of %d)%n", b * 1000, batches);
            out.printf(Locale.ROOT, "hook overhead: %+.1f%% (ratio %.3f)%n", (b / a - 1) * 100, b / a);
            out.flush();
        } finally {
            RenderJob.deleteTree(dir);
        }
        return ExitCodes.OK;
    }
}

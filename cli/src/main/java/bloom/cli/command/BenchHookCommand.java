package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.TrainingOptions;
import bloom.cli.option.TrainingSettings;
import bloom.nmt.bench.HookRace;
import bloom.nmt.model.Seq2SeqConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "hook", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Measure what the training hook costs: the same minibatches are trained with and without it, in "
                        + "alternating blocks so that drift in machine load hits both alike, and the median times "
                        + "per minibatch are compared.",
                ""})
public final class BenchHookCommand implements Callable<Integer> {

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
        Seq2SeqConfig.Optimizer opt = TrainingSettings.optimizer(optimizer);
        Seq2SeqConfig model;
        try {
            model = new Seq2SeqConfig(64, hidden, opt, TrainingOptions.defaultLearningRate(opt), 5, 7);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        ProgressBar bar = ProgressBar.stderr("benchmark", 2L * batches, "batches");
        HookRace.Result r = HookRace.run(batches, block, model, snapshotEvery, m -> Console.log(err, m),
                done -> bar.update(done, ""));
        bar.finish("");
        out.printf(Locale.ROOT, "minibatch without hook: %.1f ms (median of %d)%n", r.withoutSeconds() * 1000, batches);
        out.printf(Locale.ROOT, "minibatch with hook:    %.1f ms (median of %d)%n", r.withSeconds() * 1000, batches);
        out.printf(Locale.ROOT, "hook overhead: %+.1f%% (ratio %.3f)%n", (r.ratio() - 1) * 100, r.ratio());
        out.flush();
        return ExitCodes.OK;
    }
}

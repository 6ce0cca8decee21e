package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ProgressBar;
import bloom.cli.console.ResumeHint;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.LiveOptions;
import bloom.cli.option.TrainingOptions;
import bloom.cli.option.TrainingSettings;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.nmt.corpus.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Train the translator and record its trace, without rendering (for long runs).",
                "",
                "The run directory can be rendered later, as often as wanted, with 'bloom render DIR'. "
                        + "An interrupted training resumes from its last checkpoint when given the same --out.",
                ""},
        footer = {"", "Examples:",
                "  bloom train --out runs/long --optimizer adam --hidden 128 --epochs 12",
                "  bloom train --config examples/configs/long-training.properties --out runs/long"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", order = 0,
            description = "Run directory (default: runs/run-<date>-<time>). An unfinished run there is resumed.")
    Path out;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "0", order = 3,
            description = "Stop after N minibatches; 0 trains every epoch (default: ${DEFAULT-VALUE}).")
    long batches;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainingOptions training;

    @Mixin
    LiveOptions live;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (batches < 0) {
            throw BloomException.usage("--batches " + batches + ": expected 0 (all epochs) or more");
        }
        TrainingSettings ts = training.settings(common.seed, batches);
        Corpus corpus = ts.loadCorpus(); // before the run directory: a bad corpus leaves nothing behind
        TrainStage.Outcome t;
        Path dir;
        bloom.live.LiveServer page = null;
        try (RunLock lock = RunOpener.open(out, RunDirectory.TRAINING, spec, err)) {
            dir = lock.dir();
            page = live.startIfAsked(dir, err);
            ResumeHint hint = ResumeHint.install(err, "bloom train --out " + dir);
            t = TrainStage.run(dir, ts, corpus, m -> Console.log(err, m), null, null);
            hint.done();
        } finally {
            if (page != null) {
                page.close();
            }
        }
        Console.log(err, String.format(Locale.ROOT, "trained %d minibatches (%d epochs) in %s, %.3f s each; test BLEU %.2f on %d sentences",
                t.steps(), t.epochs(), ProgressBar.duration(t.seconds()), t.secondsPerStep(), t.bleu(), t.testSentences()));
        Console.log(err, t.bleuDetail());
        spec.commandLine().getOut().println(dir);
        return ExitCodes.OK;
    }
}

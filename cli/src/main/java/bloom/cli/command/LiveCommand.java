package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.option.LiveOptions;
import bloom.film.Previews;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.live.LiveServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "live", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Serve a run's live page: a run being trained and rendered (by a bloom run or bloom train in another "
                        + "terminal) or a finished one.",
                "",
                "The page shows the newest frame the moment it is rendered, the timeline of loss, gradient norm, update "
                        + "norm, update ratio and validation BLEU, anomalies and events, and lets you scrub back "
                        + "through every frame. While training runs, the page's controls (with the token of the printed "
                        + "URL) pause, resume, set the learning rate, mark a batch, inject a fault or stop it. Many "
                        + "viewers can watch at once; a slow one misses frames, nobody else does.",
                "",
                "A finished run rendered before previews existed gets them from its video first (a progress bar).",
                ""},
        footer = {"", "Examples:",
                "  bloom live runs/run-20261202-101500",
                "  bloom live runs/gallery --host 0.0.0.0 --port 8080 --public-view"})
public final class LiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Mixin
    LiveOptions live;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        Path video = run.resolve(RunDirectory.VIDEO);
        if (RunLock.holder(run) == null && Files.exists(video)) {
            Previews.fromVideo(run, video, new ConsoleProgress(err));
        }
        try (LiveServer page = live.start(run, err)) {
            Console.log(err, "serving " + run + (RunLock.holder(run) == null ? "" : " while " + RunLock.holder(run)
                    + " works on it") + "; Ctrl-C stops");
            LiveOptions.serveUntilInterrupted(page, err, "serving");
        }
        return ExitCodes.OK;
    }
}

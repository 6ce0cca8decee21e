package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.film.Report;
import bloom.film.RunDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Write a self-contained HTML report of a rendered run, to scrub its frames and find the batch that "
                        + "went wrong. It opens from the file system, offline, in any browser.",
                "",
                "The page holds every frame (as a thumbnail) with a scrubber; a timeline of loss, gradient norm, "
                        + "update norm and log10 update:parameter ratio (with the healthy band around 1e-3) that keeps "
                        + "each column's minimum and maximum, so no spike is hidden; the flagged batches of "
                        + "'bloom inspect' as markers that jump to their frame; the frames before and after with their "
                        + "difference; each frame's metadata. Keys: left and right arrows step a frame, Home and End.",
                ""},
        footer = {"", "Examples:",
                "  bloom report runs/run-20261123-101500           # then open runs/run-20261123-101500/report.html",
                "  bloom report runs/long --thumbnail 240"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A rendered run directory.")
    Path run;

    @Option(names = "--thumbnail", paramLabel = "WIDTH", defaultValue = "480",
            description = "Width of the frames in the report; smaller for long runs (default: ${DEFAULT-VALUE}).")
    int thumbnail;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "0.8",
            description = "JPEG quality of the frames, 0.1 to 1 (default: ${DEFAULT-VALUE}).")
    double jpegQuality;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        Report.Result r = Report.write(run, new Report.Settings(thumbnail, jpegQuality), new ConsoleProgress(err));
        Console.log(err, String.format(Locale.ROOT, "%d frames, %d flags -> %s (%.1f MB)", r.frames(), r.flags(),
                r.file(), r.bytes() / 1e6));
        spec.commandLine().getOut().println(r.file());
        return ExitCodes.OK;
    }
}

package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.RenderOptions;
import bloom.film.PaletteStrips;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "palettes", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Write the drifting palettes of a run as PNG strips, to choose one by eye.",
                "",
                "Each strip shows the 256-colour palette (left to right) at every embedding snapshot (top to bottom: "
                        + "the start of training at the top). One strip per palette seed; the overview puts them side by "
                        + "side. Render with the one you like: bloom render RUN --palette-seed S.",
                ""})
public final class PalettesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the strips (default: RUN/palettes).")
    Path output;

    @Option(names = "--variants", paramLabel = "N", defaultValue = "6",
            description = "Palette seeds to show, starting at --palette-seed (default: ${DEFAULT-VALUE}).")
    int variants;

    @Mixin
    CommonOptions common;

    @Mixin
    RenderOptions render;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        RenderSettings rs = render.settings(common.seed);
        Path dir = output != null ? output : run.resolve("palettes");
        Path overview = PaletteStrips.write(run, rs, variants, dir, new ConsoleProgress(err));
        Console.log(err, "overview of " + variants + " palette seeds: " + overview);
        spec.commandLine().getOut().println(overview);
        return ExitCodes.OK;
    }
}

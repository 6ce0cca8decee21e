package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.Outputs;
import bloom.cli.option.RenderOptions;
import bloom.film.Mosaic;
import bloom.film.RenderSettings;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Two or more runs side by side in one film, in step by minibatch, each labelled with its name and "
                        + "optimizer: SGD against Adam from the same seed, for a gallery wall.",
                "",
                "--size is each run's tile (the film is as wide as the tiles together); a run that ended earlier "
                        + "holds its last frame, marked finished.",
                ""},
        footer = {"", "Examples:",
                "  bloom compare runs/sgd runs/adam -o side.mp4",
                "  bloom compare runs/sgd runs/adam --size 1920x2160 --quality 200 --codec hevc -o side-4k.mp4"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN", description = "The run directories, left to right.")
    List<Path> runs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.mp4", required = true, order = 0, description = "The film to write.")
    Path output;

    @Mixin
    CommonOptions common;

    @Mixin
    RenderOptions render;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RenderSettings rs = render.settings(common.seed);
        Outputs.newFilm(output);
        Renderer renderer = device.open(err);
        Mosaic.Result r;
        try {
            r = Mosaic.compare(runs, rs, renderer, output, new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        Console.log(err, String.format(Locale.ROOT, "%d runs side by side, %d frames at %s (%s) in %s -> %s", r.tiles(),
                r.frames(), r.size(), rs.codec().title, ProgressBar.duration(r.seconds()), r.video()));
        spec.commandLine().getOut().println(r.video());
        return ExitCodes.OK;
    }
}

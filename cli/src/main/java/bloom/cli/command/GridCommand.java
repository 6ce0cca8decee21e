package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.Outputs;
import bloom.cli.option.RenderOptions;
import bloom.film.Genomes;
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

@Command(name = "grid", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "One run under several base flames, in one film: the same training drives every tile, each labelled "
                        + "with its flame.",
                "",
                "--size is each tile's size; options not given default to the run's own.",
                ""},
        footer = {"", "Examples:",
                "  bloom grid runs/run-20261202-101500 --genomes star,lattice,tangle -o grid.mp4",
                "  bloom grid runs/long --genomes star,lattice,tangle,../shared/reference/bloom-2019-flames/kindling.flame "
                        + "--columns 2 --size 960x540 -o grid-2x2.mp4"})
public final class GridCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = "--genomes", paramLabel = "NAME|FILE,...", split = ",", required = true, order = 0,
            description = "The base flames, one tile each: embedded names (star, lattice, tangle) or flame files.")
    List<String> genomes;

    @Option(names = "--columns", paramLabel = "N", order = 1,
            description = "Tiles a row (default: as square a grid as the tiles allow).")
    Integer columns;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.mp4", required = true, order = 2, description = "The film to write.")
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
        if (genomes.size() < 2) {
            throw BloomException.usage("--genomes " + String.join(",", genomes) + ": expected two or more base flames");
        }
        for (String g : genomes) {
            Genomes.load(g, 0); // a typo fails before any rendering
        }
        int cols = columns != null ? columns : (int) Math.ceil(Math.sqrt(genomes.size()));
        if (cols < 1) {
            throw BloomException.usage("--columns " + cols + ": expected 1 or more");
        }
        Outputs.newFilm(output);
        Renderer renderer = device.open(err);
        Mosaic.Result r;
        try {
            r = Mosaic.grid(run, genomes, cols, rs, renderer, output, new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        Console.log(err, String.format(Locale.ROOT, "%d flames, %d frames at %s (%s) in %s -> %s", r.tiles(), r.frames(),
                r.size(), rs.codec().title, ProgressBar.duration(r.seconds()), r.video()));
        spec.commandLine().getOut().println(r.video());
        return ExitCodes.OK;
    }
}

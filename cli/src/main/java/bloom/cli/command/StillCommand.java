package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.RenderOptions;
import bloom.film.Genomes;
import bloom.film.Mosaic;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "still", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Render the frame of one batch of a run as a still (PNG), at any size: a 4K print of the batch where "
                        + "the gradients exploded.",
                "",
                "The frame is the film's own (the same fold, palette and base flame; options not given default to "
                        + "the run's), rendered again at --size and --quality.",
                ""},
        footer = {"", "Examples:",
                "  bloom still runs/run-20261202-101500 --batch 1252 --size 3840x2160 --quality 500",
                "  bloom still runs/run-20261202-101500 --batch 3500 --genome lattice -o lattice-end.png"})
public final class StillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = "--batch", paramLabel = "B", required = true, order = 0, description = "The minibatch whose frame to render.")
    long batch;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", order = 1,
            description = "Where to write it (default: RUN/still-B-WxH.png).")
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
        RunDirectory.requireRun(run);
        RenderSettings rs = render.settings(common.seed);
        rs.checkMemory(Genomes.load(rs.genome(), rs.genomeIndex(), w -> Console.log(spec.commandLine().getErr(), "warning: " + w)));
        Path out = output != null ? output : run.resolve("still-" + batch + "-" + rs.size() + ".png");
        if (!out.getFileName().toString().endsWith(".png")) {
            throw BloomException.usage("--output " + out + ": expected a file name ending in .png");
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Renderer renderer = device.open(err);
        try {
            Mosaic.still(run, batch, rs, renderer, out, new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        Console.log(err, "batch " + batch + " at " + rs.size() + " -> " + out);
        spec.commandLine().getOut().println(out);
        return ExitCodes.OK;
    }
}

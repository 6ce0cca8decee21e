package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.SizeConverter;
import bloom.film.Genomes;
import bloom.film.RenderSettings;
import bloom.film.Size;
import bloom.film.FlameAnimation;
import bloom.flame.genome.Genome;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "animate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Render a flam3-style animation of the genomes in a file as an MP4.",
                "",
                "Several genomes are keyframes (at their 'time' attributes, or one after another): the frames in "
                        + "between interpolate them as flam3 does (affine maps in log-polar form, palettes through HSV). "
                        + "A single genome makes a loop in which its animated xforms turn once around. "
                        + "--temporal-samples above 1 blurs the motion within each frame.",
                ""},
        footer = {"", "Examples:",
                "  bloom flame animate keyframes.flame -o film.mp4 --frames 250",
                "  bloom flame animate lattice -o loop.mp4 --frames 100 --size 640x360 --temporal-samples 8"})
public final class FlameAnimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A flame file, or an embedded genome name (star, lattice, tangle).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.mp4", required = true, description = "The video to write.")
    Path output;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100", description = "Frames in all (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", paramLabel = "WxH", converter = SizeConverter.class,
            description = "Frame size, both sides even (default: the first genome's).")
    Size size;

    @Option(names = "--quality", paramLabel = "Q", description = "Samples per pixel (default: the first genome's).")
    Double quality;

    @Option(names = "--oversample", paramLabel = "N", description = "Histogram cells per pixel along each axis (default: the genome's).")
    Integer oversample;

    @Option(names = "--temporal-samples", paramLabel = "T", defaultValue = "1",
            description = "Instants per frame, for motion blur (default: ${DEFAULT-VALUE}, no blur).")
    int temporalSamples;

    @Option(names = "--fps", paramLabel = "F", defaultValue = "25", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed, the same for every frame (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: every core).")
    Integer threads;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (!output.getFileName().toString().endsWith(".mp4")) {
            throw BloomException.usage("--output " + output + ": expected a file name ending in .mp4");
        }
        List<Genome> keys = Genomes.loadAll(file);
        Genome first = keys.get(0);
        Size s = (size != null ? size : new Size(first.camera().width(), first.camera().height())).requireEven("--size");
        double q = quality != null ? quality : first.sampling().quality();
        int os = oversample != null ? oversample : first.sampling().oversample();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        RenderSettings.checkThreads(t);
        RenderSpec rs;
        try {
            rs = new RenderSpec(s.width(), s.height(), q, os, seed, t);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        FlameAnimation animation = new FlameAnimation(file, frames, temporalSamples, fps, rs);
        bloom.flame.render.ChaosGame.checkMemory(first, rs); // before any work: one line if the heap cannot hold it
        PrintWriter err = spec.commandLine().getErr();
        Renderer renderer = device.open(err);
        long t0 = System.nanoTime();
        try {
            animation.render(keys, renderer, output, new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        Console.log(err, String.format(Locale.ROOT,
                "%d frames of %s (%d keyframe%s, %d instant%s per frame) in %s -> %s", frames, s, keys.size(),
                keys.size() == 1 ? ", a rotation loop" : "s", temporalSamples, temporalSamples == 1 ? "" : "s",
                ProgressBar.duration(sec), output));
        spec.commandLine().getOut().println(output);
        return ExitCodes.OK;
    }
}

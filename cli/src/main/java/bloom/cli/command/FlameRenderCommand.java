package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.SizeConverter;
import bloom.film.Genomes;
import bloom.film.Png;
import bloom.film.RenderSettings;
import bloom.film.Size;
import bloom.flame.genome.Genome;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Renderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Render one genome as a PNG still.", ""},
        footer = {"", "Examples:",
                "  bloom flame render examples/genomes/lattice.flame -o lattice.png",
                "  bloom flame render my.flame -o big.png --size 1920x1080 --quality 1000 --oversample 2"})
public final class FlameRenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A flam3/Ember flame file, or an embedded genome name (star, lattice, tangle).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.png", required = true, description = "The PNG to write.")
    Path output;

    @Option(names = "--size", paramLabel = "WxH", converter = SizeConverter.class,
            description = "Image size (default: the genome's; the framing is kept).")
    Size size;

    @Option(names = "--quality", paramLabel = "Q", description = "Samples per pixel (default: the genome's).")
    Double quality;

    @Option(names = "--oversample", paramLabel = "N", description = "Histogram cells per pixel along each axis (default: the genome's).")
    Integer oversample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: every core).")
    Integer threads;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--index", paramLabel = "I", defaultValue = "0", description = "Which genome of a multi-genome file (default: ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8", description = "Bits per channel of the PNG (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--alpha", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Write a transparent PNG: the flame alone, its coverage as alpha, no background.")
    boolean alpha;

    @Override
    public Integer call() throws Exception {
        if (bits != 8 && bits != 16) {
            throw BloomException.usage("--bits " + bits + ": expected 8 or 16");
        }
        Genome g = Genomes.load(file, index, w -> Console.log(spec.commandLine().getErr(), "warning: " + w));
        int w = size != null ? size.width() : g.camera().width();
        int h = size != null ? size.height() : g.camera().height();
        double q = quality != null ? quality : g.sampling().quality();
        int os = oversample != null ? oversample : g.sampling().oversample();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        RenderSettings.checkThreads(t);
        RenderSpec rs;
        try {
            rs = new RenderSpec(w, h, q, os, seed, t);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        bloom.flame.render.ChaosGame.checkMemory(g, rs); // before any work: one line if the heap cannot hold it
        CompiledGenome compiled;
        try {
            compiled = CompiledGenome.compile(g);
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput(file + ": " + e.getMessage());
        }
        ProgressBar bar = ProgressBar.stderr("rendering", 100, "%");
        long t0 = System.nanoTime();
        Renderer renderer = device.open(spec.commandLine().getErr());
        Image img;
        try {
            img = renderer.render(compiled, rs, f -> bar.update((long) (f * 100), ""));
        } finally {
            DeviceOption.close(renderer);
        }
        bar.finish("");
        double sec = (System.nanoTime() - t0) / 1e9;
        Png.write(img, output, bits, alpha);
        Console.log(spec.commandLine().getErr(), String.format(Locale.ROOT,
                "%s: %dx%d, quality %s, %d iterations in %.2f s (%.1f M/s on %s) -> %s",
                file, w, h, q, rs.iterations(), sec, rs.iterations() / sec / 1e6,
                renderer instanceof CpuRenderer ? t + (t == 1 ? " thread" : " threads") : renderer.describe(), output));
        return ExitCodes.OK;
    }
}

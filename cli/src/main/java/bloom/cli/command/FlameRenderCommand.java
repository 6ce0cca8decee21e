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

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Render a genome as a PNG still, or with --all every genome of a file, one still each.", ""},
        footer = {"", "Examples:",
                "  bloom flame render examples/genomes/lattice.flame -o lattice.png",
                "  bloom flame render my.flame -o big.png --size 1920x1080 --quality 1000 --oversample 2",
                "  bloom flame render pack.flam3 --all -o stills/pack.png   # every genome: pack-00.png, pack-01.png, ..."})
public final class FlameRenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A flam3/Ember flame file, or an embedded genome name (star, lattice, tangle).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.png", required = true, description = "The PNG to write (with --all, each genome's PNG is named after it).")
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

    @Option(names = "--all", description = "Render every genome of FILE in this one process, each to OUT with its index "
            + "before the extension (-o still.png: still-00.png, still-01.png, ...). The JVM starts and compiles the "
            + "renderer once for them all, where a process per genome pays that every time.")
    boolean all;

    @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8", description = "Bits per channel of the PNG (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--alpha", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Write a transparent PNG: the flame alone, its coverage as alpha, no background.")
    boolean alpha;

    /** One still to render: its genome, where it goes and the settings it renders at. */
    private record Still(String name, CompiledGenome genome, RenderSpec spec, Path output) {
    }

    @Override
    public Integer call() throws Exception {
        if (bits != 8 && bits != 16) {
            throw BloomException.usage("--bits " + bits + ": expected 8 or 16");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Still> stills = new ArrayList<>();
        if (all) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--index")) {
                throw BloomException.usage("--all renders every genome of " + file + ": leave out --index (or --all, to render one)");
            }
            // every genome read, compiled and sized before the first render: a bad one stops the
            // command before it has written anything
            List<Genome> genomes = Genomes.loadAll(file, w -> Console.log(err, "warning: " + w),
                    " (--all renders every genome; --index picks one that can be read)");
            for (int i = 0; i < genomes.size(); i++) {
                stills.add(still(Genomes.name(file, i, genomes.size()), genomes.get(i),
                        Genomes.numbered(output, i, genomes.size())));
            }
        } else {
            Genome g = Genomes.load(file, index, w -> Console.log(err, "warning: " + w));
            stills.add(still(file, g, output));
        }
        int t = stills.get(0).spec().threads();
        Renderer renderer = device.open(err);
        try {
            for (int k = 0; k < stills.size(); k++) {
                Still s = stills.get(k);
                ProgressBar bar = ProgressBar.stderr(stills.size() == 1 ? "rendering"
                        : String.format(Locale.ROOT, "rendering %d/%d", k + 1, stills.size()), 100, "%");
                long t0 = System.nanoTime();
                Image img = renderer.render(s.genome(), s.spec(), f -> bar.update((long) (f * 100), ""));
                bar.finish("");
                double sec = (System.nanoTime() - t0) / 1e9;
                Png.write(img, s.output(), bits, alpha);
                RenderSpec rs = s.spec();
                Console.log(err, String.format(Locale.ROOT,
                        "%s: %dx%d, quality %s, %d iterations in %.2f s (%.1f M/s on %s) -> %s",
                        s.name(), rs.width(), rs.height(), rs.quality(), rs.iterations(), sec, rs.iterations() / sec / 1e6,
                        renderer instanceof CpuRenderer ? t + (t == 1 ? " thread" : " threads") : renderer.describe(),
                        s.output()));
            }
        } finally {
            DeviceOption.close(renderer);
        }
        return ExitCodes.OK;
    }

    /** Genome {@code g}, called {@code name} in messages, checked and compiled for a render to {@code out}. */
    private Still still(String name, Genome g, Path out) {
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
            throw BloomException.usage((all ? name + ": " : "") + e.getMessage());
        }
        bloom.flame.render.ChaosGame.checkMemory(g, rs); // before any work: one line if the heap cannot hold it
        try {
            return new Still(name, CompiledGenome.compile(g), rs, out);
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput(name + ": " + e.getMessage());
        }
    }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Render a genome as a PNG still, or many in this one process: with --all every genome of a file, "
                + "with several FILEs a still of each.", ""},
        footer = {"", "Many stills render faster in one command than in one command each: the JVM starts and compiles "
                + "the renderer once for them all (about half a second and more of every still's process on a small "
                + "machine).", "", "Examples:",
                "  bloom flame render examples/genomes/lattice.flame -o lattice.png",
                "  bloom flame render my.flame -o big.png --size 1920x1080 --quality 1000 --oversample 2",
                "  bloom flame render pack.flam3 --all -o stills/pack.png   # every genome: pack-00.png, pack-01.png, ...",
                "  bloom flame render flames/*.flame -o stills/            # one still each: stills/<name>.png"})
public final class FlameRenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "A flam3/Ember flame file, or an embedded genome name "
            + "(star, lattice, tangle); several render one after another in this process.")
    List<String> files;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The PNG to write (with --all, "
            + "each genome's PNG is named after it). With several FILEs, a directory (made if missing), as it is when OUT "
            + "is an existing directory: each file's still is DIR/<its name>.png, with --all DIR/<its name>-NN.png.")
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

    @Option(names = "--index", paramLabel = "I", defaultValue = "0", description = "Which genome of a multi-genome file "
            + "(of each, with several FILEs; default: ${DEFAULT-VALUE}).")
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
        if (all && spec.commandLine().getParseResult().hasMatchedOption("--index")) {
            throw BloomException.usage("--all renders every genome of " + String.join(", ", files)
                    + ": leave out --index (or --all, to render one)");
        }
        // every genome read, compiled and sized before the first render: a bad one stops the
        // command before it has written anything
        List<Still> stills = new ArrayList<>();
        for (Map.Entry<String, Path> e : outputs().entrySet()) {
            String file = e.getKey();
            if (all) {
                List<Genome> genomes = Genomes.loadAll(file, w -> Console.log(err, "warning: " + w),
                        " (--all renders every genome; --index picks one that can be read)");
                for (int i = 0; i < genomes.size(); i++) {
                    stills.add(still(Genomes.name(file, i, genomes.size()), genomes.get(i),
                            Genomes.numbered(e.getValue(), i, genomes.size())));
                }
            } else {
                Genome g = Genomes.load(file, index, w -> Console.log(err, "warning: " + w));
                stills.add(still(file, g, e.getValue()));
            }
        }
        if (files.size() > 1) {
            Files.createDirectories(output); // once every still is ready; a failure is one line naming the path (Main)
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

    /**
     * Where each FILE's still goes, in the order given: {@code -o} itself for one FILE; for several, or
     * when {@code -o} is a directory, each still goes into that directory, named after its file without
     * the file's extension. Two FILEs that would write the same PNG are refused before anything renders.
     */
    private Map<String, Path> outputs() {
        Map<String, Path> out = new LinkedHashMap<>();
        if (files.size() == 1 && !Files.isDirectory(output)) {
            out.put(files.get(0), output);
            return out;
        }
        String dirName = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (dirName.endsWith(".png") || Files.isRegularFile(output)) {
            throw BloomException.usage("-o " + output + ": with several FILEs, -o names a directory (each still is "
                    + "named after its file: DIR/<name>.png)");
        }
        Map<Path, String> writer = new HashMap<>();
        for (String file : files) {
            Path fileName = Path.of(file).getFileName(); // none for "/": reading it fails, naming it
            Path png = output.resolve(Genomes.stem(fileName == null ? "genome" : fileName.toString()) + ".png");
            String other = writer.putIfAbsent(png, file);
            if (other != null) {
                throw BloomException.usage("FILE " + other + " and FILE " + file + " would both write " + png
                        + ": render them in two commands, or rename one");
            }
            out.put(file, png);
        }
        return out;
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
            throw BloomException.usage((all || files.size() > 1 ? name + ": " : "") + e.getMessage());
        }
        bloom.flame.render.ChaosGame.checkMemory(g, rs); // before any work: one line if the heap cannot hold it
        try {
            return new Still(name, CompiledGenome.compile(g), rs, out);
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput(name + ": " + e.getMessage());
        }
    }
}

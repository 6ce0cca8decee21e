package bloom.cli;

import bloom.film.Mp4Encoder;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Interpolation;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
final class FlameAnimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A flame file, or an embedded genome name (star, lattice, tangle).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.mp4", required = true, description = "The video to write.")
    Path output;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100", description = "Frames in all (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", paramLabel = "WxH", converter = Size.Converter.class,
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
        if (frames < 2) {
            throw BloomException.usage("--frames " + frames + ": expected at least 2");
        }
        if (temporalSamples < 1 || temporalSamples > 1000) {
            throw BloomException.usage("--temporal-samples " + temporalSamples + ": expected 1 to 1000");
        }
        if (!output.getFileName().toString().endsWith(".mp4")) {
            throw BloomException.usage("--output " + output + ": expected a file name ending in .mp4");
        }
        if (Files.exists(output)) {
            throw BloomException.usage("--output " + output + ": exists; choose another name (nothing is overwritten)");
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
        bloom.flame.render.ChaosGame.checkMemory(first, rs); // before any work: one line if the heap cannot hold it
        double[] times = keyTimes(keys);
        Renderer renderer = device.open(spec.commandLine().getErr());
        try {
            animate(keys, times, s, rs, renderer);
        } finally {
            DeviceOption.close(renderer);
        }
        spec.commandLine().getOut().println(output);
        return ExitCodes.OK;
    }

    private void animate(List<Genome> keys, double[] times, Size s, RenderSpec rs, Renderer renderer) throws Exception {
        ProgressBar bar = ProgressBar.stderr("animating", frames, "frames");
        long t0 = System.nanoTime();
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (Mp4Encoder encoder = new Mp4Encoder(output, s.width(), s.height(), fps, 18)) {
            for (int f = 0; f < frames; f++) {
                List<CompiledGenome> instants = new ArrayList<>(temporalSamples);
                for (int k = 0; k < temporalSamples; k++) {
                    double offset = temporalSamples == 1 ? 0 : (k + 0.5) / temporalSamples - 0.5;
                    instants.add(compile(genomeAt(keys, times, f + offset), f));
                }
                Image img = renderer.renderBlurred(instants, rs, Renderer.Progress.NONE);
                encoder.write(img);
                bar.update(f + 1, "");
            }
        }
        bar.finish("");
        double sec = (System.nanoTime() - t0) / 1e9;
        RunCommand.log(spec.commandLine().getErr(), String.format(Locale.ROOT,
                "%d frames of %s (%d keyframe%s, %d instant%s per frame) in %s -> %s", frames, s, keys.size(),
                keys.size() == 1 ? ", a rotation loop" : "s", temporalSamples, temporalSamples == 1 ? "" : "s",
                ProgressBar.duration(sec), output));
    }

    private CompiledGenome compile(Genome g, int frame) {
        try {
            return CompiledGenome.compile(g);
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput(file + ": frame " + frame + ": " + e.getMessage());
        }
    }

    /** Keyframe times: their 'time' attributes if every genome has one and they increase, else 0, 1, 2, ... */
    private double[] keyTimes(List<Genome> keys) {
        double[] times = new double[keys.size()];
        boolean usable = true;
        for (int i = 0; i < keys.size(); i++) {
            String v = keys.get(i).extras().get("time");
            try {
                times[i] = v == null ? Double.NaN : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                times[i] = Double.NaN;
            }
            usable &= Double.isFinite(times[i]) && (i == 0 || times[i] > times[i - 1]);
        }
        if (!usable) {
            for (int i = 0; i < times.length; i++) {
                times[i] = i;
            }
        }
        return times;
    }

    /** The genome at frame position {@code f} (fractional for temporal samples). */
    private Genome genomeAt(List<Genome> keys, double[] times, double f) {
        double u = Math.max(0, Math.min(1, f / (frames - 1)));
        if (keys.size() == 1) {
            return Interpolation.rotated(keys.get(0), f / frames);
        }
        double time = times[0] + u * (times[times.length - 1] - times[0]);
        int i = 0;
        while (i < times.length - 2 && time > times[i + 1]) {
            i++;
        }
        double local = (time - times[i]) / (times[i + 1] - times[i]);
        return Interpolation.between(keys.get(i), keys.get(i + 1), Math.max(0, Math.min(1, local)));
    }
}

package bloom.film;

import bloom.flame.genome.Genome;
import bloom.flame.genome.Interpolation;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flam3-style animation of keyframe genomes as an MP4: frames between keyframes interpolate
 * them (at their {@code time} attributes, or one after another); a single genome makes a loop in
 * which its animated xforms turn once around. More than one temporal sample per frame blurs the
 * motion within it.
 *
 * @param source          where the keyframes came from, for messages
 * @param frames          frames in all, at least 2
 * @param temporalSamples instants per frame, 1 to 1000
 * @param fps             frames per second of the video
 * @param spec            size, quality, oversampling, seed and threads of every frame
 */
public record FlameAnimation(String source, int frames, int temporalSamples, double fps, RenderSpec spec) {

    public FlameAnimation {
        if (frames < 2) {
            throw FilmException.usage("--frames " + frames + ": expected at least 2");
        }
        if (temporalSamples < 1 || temporalSamples > 1000) {
            throw FilmException.usage("--temporal-samples " + temporalSamples + ": expected 1 to 1000");
        }
        if (!(fps > 0) || fps > 240) {
            throw FilmException.usage("--fps " + fps + ": expected more than 0 and at most 240");
        }
    }

    /** Renders the animation of {@code keys} to {@code output} (which must not exist). */
    public void render(List<Genome> keys, Renderer renderer, Path output, Progress progress) throws IOException {
        if (Files.exists(output)) {
            throw FilmException.usage("--output " + output + ": exists; choose another name (nothing is overwritten)");
        }
        double[] times = keyTimes(keys);
        Progress.Bar bar = progress.bar("animating", frames, "frames");
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (Mp4Encoder encoder = new Mp4Encoder(output, spec.width(), spec.height(), fps, 18)) {
            for (int f = 0; f < frames; f++) {
                List<CompiledGenome> instants = new ArrayList<>(temporalSamples);
                for (int k = 0; k < temporalSamples; k++) {
                    double offset = temporalSamples == 1 ? 0 : (k + 0.5) / temporalSamples - 0.5;
                    instants.add(compile(genomeAt(keys, times, f + offset), f));
                }
                Image img = renderer.renderBlurred(instants, spec, Renderer.Progress.NONE);
                encoder.write(img);
                bar.update(f + 1, "");
            }
        }
        bar.finish("");
    }

    private CompiledGenome compile(Genome g, int frame) {
        try {
            return CompiledGenome.compile(g);
        } catch (IllegalArgumentException e) {
            throw FilmException.badInput(source + ": frame " + frame + ": " + e.getMessage());
        }
    }

    /** Keyframe times: their 'time' attributes if every genome has one and they increase, else 0, 1, 2, ... */
    static double[] keyTimes(List<Genome> keys) {
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

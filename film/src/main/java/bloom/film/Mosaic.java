package bloom.film;

import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exhibition pieces made of several films playing in step, one frame per minibatch, each tile
 * labelled: two runs side by side ({@link #compare}: SGD against Adam from the same seed), or
 * one run under several base flames ({@link #grid}). Tile t of frame f shows batch f + 1 of its
 * run; a run that ended earlier holds its last frame, marked as finished.
 */
public final class Mosaic {

    /** One tile: a run's frame plan and its label. */
    public record Tile(FramePlanner plan, String label) {}

    /** What was written. */
    public record Result(Path video, int frames, int tiles, Size size, double seconds) {}

    private Mosaic() {}

    /**
     * Runs side by side, each at {@code settings}' size (the film is as wide as all tiles), with
     * their own name and optimizer as labels.
     */
    public static Result compare(List<Path> runs, RenderSettings settings, Renderer renderer, Path out, Progress progress)
            throws IOException {
        List<Tile> tiles = new ArrayList<>();
        for (Path run : runs) {
            RunDirectory.requireRun(run);
            Trace trace = RunDirectory.readTrace(run, progress::log);
            tiles.add(new Tile(new FramePlanner(trace, Genomes.load(settings.genome(), settings.genomeIndex()), settings),
                    label(run)));
        }
        return render(tiles, tiles.size(), settings, renderer, out, progress);
    }

    /** One run under several base genomes, {@code columns} tiles a row, each labelled with its genome. */
    public static Result grid(Path run, List<String> genomes, int columns, RenderSettings settings, Renderer renderer,
                              Path out, Progress progress) throws IOException {
        RunDirectory.requireRun(run);
        Trace trace = RunDirectory.readTrace(run, progress::log);
        List<Tile> tiles = new ArrayList<>();
        for (String g : genomes) {
            RenderSettings s = settings.withGenome(g, 0);
            tiles.add(new Tile(new FramePlanner(trace, Genomes.load(g, 0), s), Path.of(g).getFileName().toString()
                    .replaceFirst("\\.flame$", "")));
        }
        return render(tiles, columns, settings, renderer, out, progress);
    }

    /** "run-sgd · sgd 0.1" from the run's directory name and training.json. */
    static String label(Path run) {
        String name = run.toAbsolutePath().normalize().getFileName().toString();
        Path training = run.resolve(RunDirectory.TRAINING);
        if (Files.exists(training)) {
            try {
                JsonNode t = Json.read(training);
                if (t.has("optimizer")) {
                    return name + " \u00b7 " + t.get("optimizer").asText() + " " + t.path("learningRate").asText();
                }
            } catch (IOException e) {
                return name;
            }
        }
        return name;
    }

    static Result render(List<Tile> tiles, int columns, RenderSettings settings, Renderer renderer, Path out,
                         Progress progress) throws IOException {
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = (tiles.size() + cols - 1) / cols;
        int tw = settings.size().width(), th = settings.size().height();
        Size size = new Size(cols * tw, rows * th);
        size.requireEven("the mosaic's size");
        int frames = tiles.stream().mapToInt(t -> t.plan().frames()).max().orElse(0);
        if (frames == 0) {
            throw FilmException.badInput("the runs hold no minibatch yet: nothing to render");
        }
        RenderSpec spec = new RenderSpec(tw, th, settings.quality(), settings.oversample(), settings.seed(), settings.threads());
        Path tmp = out.resolveSibling(out.getFileName() + ".part.mp4");
        long t0 = System.nanoTime();
        Progress.Bar bar = progress.bar("mosaic", frames, "frames");
        try (Mp4Encoder encoder = new Mp4Encoder(tmp, size.width(), size.height(), settings.fps(), settings.crf(), settings.codec())) {
            BufferedImage canvas = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
            int fontSize = Math.max(10, th / 24);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
            for (int f = 0; f < frames; f++) {
                Graphics2D g = canvas.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setColor(Color.BLACK);
                    g.fillRect(0, 0, size.width(), size.height());
                    g.setFont(font);
                    for (int i = 0; i < tiles.size(); i++) {
                        FramePlanner plan = tiles.get(i).plan();
                        int shown = Math.min(f, plan.frames() - 1);
                        Image img = RenderJob.frame(plan, shown, renderer, spec);
                        BufferedImage t = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
                        t.setRGB(0, 0, tw, th, img.toRgb8(), 0, tw);
                        int x = (i % cols) * tw, y = (i / cols) * th;
                        g.drawImage(t, x, y, null);
                        String batch = "batch " + plan.record(shown).step() + (shown < f ? " (finished)" : "");
                        label(g, tiles.get(i).label(), batch, x, y, tw, fontSize);
                    }
                } finally {
                    g.dispose();
                }
                encoder.write(canvas.getRGB(0, 0, size.width(), size.height(), null, 0, size.width()));
                bar.update(f + 1, "");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        bar.finish("");
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Result(out, frames, tiles.size(), size, (System.nanoTime() - t0) / 1e9);
    }

    private static void label(Graphics2D g, String name, String batch, int x, int y, int width, int fontSize) {
        FontMetrics fm = g.getFontMetrics();
        int pad = Math.max(3, fontSize / 3);
        String text = name.replaceAll("\\p{Cntrl}", " ");
        while (fm.stringWidth(text) > width - 2 * pad - fm.stringWidth(batch) - 2 * pad && text.length() > 2) {
            text = text.substring(0, text.length() - 2) + "\u2026";
        }
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(x, y, width, fm.getHeight() + 2 * pad);
        g.setColor(new Color(235, 235, 235));
        g.drawString(text, x + pad, y + pad + fm.getAscent());
        g.setColor(new Color(170, 170, 170));
        g.drawString(batch, x + width - pad - fm.stringWidth(batch), y + pad + fm.getAscent());
    }

    /**
     * The frame of batch {@code batch} of a run as a still image (a PNG), at {@code settings}'
     * size and quality: for prints and posters, up to 4K and beyond.
     */
    public static Path still(Path run, long batch, RenderSettings settings, Renderer renderer, Path out, Progress progress)
            throws IOException {
        RunDirectory.requireRun(run);
        Trace trace = RunDirectory.readTrace(run, progress::log);
        FramePlanner plan = new FramePlanner(trace, Genomes.load(settings.genome(), settings.genomeIndex()), settings);
        int frame = -1;
        for (int f = 0; f < plan.frames(); f++) {
            if (plan.record(f).step() == batch) {
                frame = f;
                break;
            }
        }
        if (frame < 0) {
            throw FilmException.usage(String.format(Locale.ROOT, "--batch %d: %s holds batches %d to %d", batch, run,
                    plan.record(0).step(), plan.record(plan.frames() - 1).step()));
        }
        progress.log(String.format(Locale.ROOT, "rendering batch %d at %s, quality %s", batch, settings.size(),
                settings.quality()));
        RenderSpec spec = new RenderSpec(settings.size().width(), settings.size().height(), settings.quality(),
                settings.oversample(), settings.seed(), settings.threads());
        Progress.Bar bar = progress.bar("still", 1000, "\u2030");
        Image img = RenderJob.frame(plan, frame, renderer, spec, fraction -> bar.update(Math.round(fraction * 1000), ""));
        bar.finish("");
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Png.write(img, tmp);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return out;
    }
}

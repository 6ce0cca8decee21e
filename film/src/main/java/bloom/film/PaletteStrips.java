package bloom.film;

import bloom.palette.DriftingPalettes;
import bloom.palette.PaletteOptions;
import bloom.trace.Trace;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run's drifting palettes as PNG strips, to choose one by eye: each strip is the 256-colour
 * palette (left to right) at every embedding snapshot (top to bottom), one strip per palette
 * seed, and an overview that puts them side by side.
 */
public final class PaletteStrips {

    private static final int ROW = 6;
    private static final int LABEL = 18;

    private PaletteStrips() {}

    /** Writes {@code variants} strips (palette seeds from the render's on) and the overview into {@code dir}; returns the overview. */
    public static Path write(Path run, RenderSettings rs, int variants, Path dir, Progress progress) throws IOException {
        RunDirectory.requireRun(run);
        if (variants < 1 || variants > 64) {
            throw FilmException.usage("--variants " + variants + ": expected 1 to 64");
        }
        Trace trace = RunDirectory.readTrace(run, progress::log);
        Files.createDirectories(dir);
        int rows = Math.max(2, trace.snapshots().size());
        BufferedImage overview = new BufferedImage(variants * (256 + 8), LABEL + rows * ROW, BufferedImage.TYPE_INT_RGB);
        Graphics2D og = overview.createGraphics();
        for (int v = 0; v < variants; v++) {
            PaletteOptions base = rs.palette();
            long seed = base.seed() + v;
            RenderSettings variant = new RenderSettings(rs.genome(), rs.genomeIndex(), rs.size(), rs.quality(),
                    rs.oversample(), rs.fps(), rs.threads(), rs.crf(), rs.png(),
                    new PaletteOptions(base.tokens(), base.temperature(), base.truncateProbability(), base.bgrProbability(), seed),
                    rs.fold(), rs.segmentFrames(), rs.seed());
            DriftingPalettes p = new FramePlanner(trace, Genomes.load(rs.genome(), rs.genomeIndex()), variant).palettes();
            if (p == null) {
                throw FilmException.badInput(run + ": the trace has fewer than two embedding snapshots; no palette to show");
            }
            BufferedImage strip = strip(p, "seed " + seed);
            Path file = dir.resolve("palette-seed-" + seed + ".png");
            Png.write(strip, file);
            og.drawImage(strip, v * (256 + 8), 0, null);
            progress.log(String.format(Locale.ROOT, "%s: colourfulness %.3f at step %d, %.3f at step %d",
                    file, DriftingPalettes.colourfulness(p.palette(0)), p.step(0),
                    DriftingPalettes.colourfulness(p.palette(p.size() - 1)), p.step(p.size() - 1)));
        }
        og.dispose();
        Path overviewFile = dir.resolve("overview.png");
        Png.write(overview, overviewFile);
        return overviewFile;
    }

    private static BufferedImage strip(DriftingPalettes p, String label) {
        BufferedImage img = new BufferedImage(256, LABEL + p.size() * ROW, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, 4, 13);
        g.dispose();
        for (int s = 0; s < p.size(); s++) {
            float[] pal = p.palette(s);
            for (int i = 0; i < 256; i++) {
                int rgb = (to8(pal[3 * i]) << 16) | (to8(pal[3 * i + 1]) << 8) | to8(pal[3 * i + 2]);
                for (int y = 0; y < ROW; y++) {
                    img.setRGB(i, LABEL + s * ROW + y, rgb);
                }
            }
        }
        return img;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}

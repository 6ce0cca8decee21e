package bloom.cli;

import bloom.palette.DriftingPalettes;
import bloom.palette.PaletteOptions;
import bloom.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "palettes", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Write the drifting palettes of a run as PNG strips, to choose one by eye.",
                "",
                "Each strip shows the 256-colour palette (left to right) at every embedding snapshot (top to bottom: "
                        + "the start of training at the top). One strip per palette seed; the overview puts them side by "
                        + "side. Render with the one you like: bloom render RUN --palette-seed S.",
                ""})
final class PalettesCommand implements Callable<Integer> {

    private static final int ROW = 6;
    private static final int LABEL = 18;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the strips (default: RUN/palettes).")
    Path output;

    @Option(names = "--variants", paramLabel = "N", defaultValue = "6",
            description = "Palette seeds to show, starting at --palette-seed (default: ${DEFAULT-VALUE}).")
    int variants;

    @Mixin
    CommonOptions common;

    @Mixin
    RenderOptions render;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        if (variants < 1 || variants > 64) {
            throw BloomException.usage("--variants " + variants + ": expected 1 to 64");
        }
        RenderSettings rs = render.settings(common.seed);
        Trace trace = RunDirectory.readTrace(run, m -> RunCommand.log(spec.commandLine().getErr(), m));
        Path dir = output != null ? output : run.resolve("palettes");
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
                throw BloomException.badInput(run + ": the trace has fewer than two embedding snapshots; no palette to show");
            }
            BufferedImage strip = strip(p, "seed " + seed);
            Path file = dir.resolve("palette-seed-" + seed + ".png");
            Png.write(strip, file);
            og.drawImage(strip, v * (256 + 8), 0, null);
            RunCommand.log(err, String.format(Locale.ROOT, "%s: colourfulness %.3f at step %d, %.3f at step %d",
                    file, DriftingPalettes.colourfulness(p.palette(0)), p.step(0),
                    DriftingPalettes.colourfulness(p.palette(p.size() - 1)), p.step(p.size() - 1)));
        }
        og.dispose();
        Path overviewFile = dir.resolve("overview.png");
        Png.write(overview, overviewFile);
        RunCommand.log(err, "overview of " + variants + " palette seeds: " + overviewFile);
        spec.commandLine().getOut().println(overviewFile);
        return ExitCodes.OK;
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

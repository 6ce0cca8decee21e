package bloom.cli;

import bloom.film.Anomalies;
import bloom.flame.genome.Genome;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "contact-sheet", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "One PNG of a run's frames for people who would rather look than read: N evenly spaced frames plus "
                        + "every flagged one, each labelled with its batch.",
                "",
                "Frames are rendered from the trace at thumbnail size with the run's own genome and palette. Flagged "
                        + "frames (see 'bloom inspect') have a red label naming the rule; frames of NaN or infinite "
                        + "batches are red.",
                ""},
        footer = {"", "Examples:",
                "  bloom contact-sheet runs/run-20261123-101500",
                "  bloom contact-sheet runs/long --count 48 --columns 8 --tile 240x136"})
final class ContactSheetCommand implements Callable<Integer> {

    private static final int LABEL = 16;
    private static final int GAP = 4;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", description = "Where to write it (default: RUN/contact-sheet.png).")
    Path output;

    @Option(names = "--count", paramLabel = "N", defaultValue = "24",
            description = "Evenly spaced frames, first and last included (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--columns", paramLabel = "C", defaultValue = "6", description = "Tiles per row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--tile", paramLabel = "WxH", defaultValue = "192x108", converter = Size.Converter.class,
            description = "Size of each frame (default: ${DEFAULT-VALUE}).")
    Size tile;

    @Option(names = "--tile-quality", paramLabel = "Q", defaultValue = "40",
            description = "Samples per pixel of each frame (default: ${DEFAULT-VALUE}).")
    double tileQuality;

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
        if (count < 2 || count > 1000) {
            throw BloomException.usage("--count " + count + ": expected 2 to 1000");
        }
        if (columns < 1 || columns > 100) {
            throw BloomException.usage("--columns " + columns + ": expected 1 to 100");
        }
        if (!(tileQuality > 0)) {
            throw BloomException.usage("--tile-quality " + tileQuality + ": expected more than 0");
        }
        Path out = output != null ? output : run.resolve("contact-sheet.png");
        RenderSettings rs = render.settings(common.seed);
        InspectCommand.Result found = InspectCommand.analyse(run, Anomalies.Settings.DEFAULT);
        int frames = found.steps().size();
        if (frames == 0) {
            throw BloomException.badInput(run + ": the trace holds no batches yet");
        }
        // frame -> label; flagged frames name their rules
        Map<Integer, String> chosen = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            chosen.put((int) Math.round(i * (frames - 1) / (double) (count - 1)), "");
        }
        Map<Integer, List<String>> rules = new LinkedHashMap<>();
        for (Anomalies.Anomaly a : found.anomalies()) {
            rules.computeIfAbsent((int) a.frame(), k -> new ArrayList<>()).add(a.rule());
        }
        for (Map.Entry<Integer, List<String>> e : rules.entrySet()) {
            chosen.put(e.getKey(), String.join(", ", e.getValue()));
        }

        Trace trace = RunDirectory.readTrace(run, m -> RunCommand.log(spec.commandLine().getErr(), m));
        Genome base = Genomes.load(rs.genome(), rs.genomeIndex());
        FramePlanner plan = new FramePlanner(trace, base, rs);
        RenderSpec spec1 = new RenderSpec(tile.width(), tile.height(), tileQuality, 1, rs.seed(), rs.threads());
        int n = chosen.size();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int cellW = tile.width() + GAP, cellH = tile.height() + LABEL + GAP;
        BufferedImage sheet = new BufferedImage(cols * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(new Color(24, 24, 24));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        ProgressBar bar = ProgressBar.stderr("contact sheet", n, "frames");
        Renderer renderer = device.open(err);
        try {
            int k = 0;
            for (Map.Entry<Integer, String> e : chosen.entrySet()) {
                int f = e.getKey();
                Image img = RenderJob.frame(plan, f, renderer, spec1);
                BufferedImage t = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
                t.setRGB(0, 0, img.width(), img.height(), img.toRgb8(), 0, img.width());
                int x = GAP + (k % cols) * cellW, y = GAP + (k / cols) * cellH;
                g.drawImage(t, x, y, null);
                boolean flagged = !e.getValue().isEmpty();
                if (flagged) {
                    g.setColor(new Color(255, 64, 48));
                    g.setStroke(new BasicStroke(2));
                    g.drawRect(x - 1, y - 1, tile.width() + 1, tile.height() + 1);
                } else {
                    g.setColor(new Color(210, 210, 210));
                }
                String label = "batch " + plan.record(f).step() + (flagged ? "  " + e.getValue() : "");
                java.awt.FontMetrics fm = g.getFontMetrics();
                while (fm.stringWidth(label) > tile.width() - 4 && label.length() > 4) {
                    label = label.substring(0, label.length() - 2) + "\u2026"; // drops a character and any earlier ellipsis
                }
                g.drawString(label, x + 2, y + tile.height() + LABEL - 4);
                k++;
                bar.update(k, "batch " + plan.record(f).step());
            }
        } finally {
            DeviceOption.close(renderer);
            g.dispose();
        }
        bar.finish("");
        Png.write(sheet, out);
        RunCommand.log(err, String.format(Locale.ROOT, "%d frames (%d evenly spaced, %d flagged) -> %s", n, count,
                rules.size(), out));
        spec.commandLine().getOut().println(out);
        return ExitCodes.OK;
    }
}

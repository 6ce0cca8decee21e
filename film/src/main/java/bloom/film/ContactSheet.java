package bloom.film;

import bloom.flame.genome.Genome;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.trace.Trace;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One PNG of a run's frames: evenly spaced frames plus every flagged one, each rendered from the
 * trace at thumbnail size and labelled with its batch (flagged ones in red, naming the rule).
 */
public final class ContactSheet {

    private static final int LABEL = 16;
    private static final int GAP = 4;

    /**
     * @param count   evenly spaced frames, first and last included (2 to 1000)
     * @param columns tiles per row (1 to 100)
     * @param tile    size of each frame
     * @param quality samples per pixel of each frame
     */
    public record Settings(int count, int columns, Size tile, double quality) {
        public Settings {
            if (count < 2 || count > 1000) {
                throw FilmException.usage("--count " + count + ": expected 2 to 1000");
            }
            if (columns < 1 || columns > 100) {
                throw FilmException.usage("--columns " + columns + ": expected 1 to 100");
            }
            if (!(quality > 0) || Double.isInfinite(quality)) {
                throw FilmException.usage("--tile-quality " + quality + ": expected more than 0");
            }
        }
    }

    /** What the sheet shows: frames in all, evenly spaced ones asked for, flagged frames. */
    public record Result(Path file, int frames, int evenlySpaced, int flagged) {}

    private ContactSheet() {}

    /** Renders the sheet of {@code run} with the frame plan of {@code render} and writes it to {@code out}. */
    public static Result write(Path run, RenderSettings render, Settings settings, Renderer renderer, Path out,
                               Progress progress) throws IOException {
        RunDirectory.requireRun(run);
        Inspection.Result found = Inspection.analyse(run, Anomalies.Settings.DEFAULT);
        int frames = found.steps().size();
        if (frames == 0) {
            throw FilmException.badInput(run + ": the trace holds no batches yet");
        }
        // frame -> label; flagged frames name their rules
        Map<Integer, String> chosen = new TreeMap<>();
        for (int i = 0; i < settings.count(); i++) {
            chosen.put((int) Math.round(i * (frames - 1) / (double) (settings.count() - 1)), "");
        }
        Map<Integer, List<String>> rules = new LinkedHashMap<>();
        for (Anomalies.Anomaly a : found.anomalies()) {
            rules.computeIfAbsent((int) a.frame(), k -> new ArrayList<>()).add(a.rule());
        }
        for (Map.Entry<Integer, List<String>> e : rules.entrySet()) {
            chosen.put(e.getKey(), String.join(", ", e.getValue()));
        }
        // a control that took effect after batch s is shown on that batch's frame, in blue
        Map<Integer, List<String>> controls = new LinkedHashMap<>();
        for (bloom.trace.Event ev : found.events()) {
            int f = 0;
            while (f < frames - 1 && found.steps().get(f).step() < ev.step()) {
                f++;
            }
            controls.computeIfAbsent(f, k -> new ArrayList<>()).add(ev.kind().spelling()
                    + (ev.text().isEmpty() ? "" : " " + ev.text()));
            chosen.putIfAbsent(f, "");
        }

        Trace trace = RunDirectory.readTrace(run, progress::log);
        Genome base = Genomes.load(render.genome(), render.genomeIndex());
        FramePlanner plan = new FramePlanner(trace, base, render);
        Size tile = settings.tile();
        RenderSpec spec = new RenderSpec(tile.width(), tile.height(), settings.quality(), 1, render.seed(), render.threads());
        int n = chosen.size();
        int cols = Math.min(settings.columns(), n);
        int rows = (n + cols - 1) / cols;
        int cellW = tile.width() + GAP, cellH = tile.height() + LABEL + GAP;
        BufferedImage sheet = new BufferedImage(cols * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(new Color(24, 24, 24));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        Progress.Bar bar = progress.bar("contact sheet", n, "frames");
        try {
            int k = 0;
            for (Map.Entry<Integer, String> e : chosen.entrySet()) {
                int f = e.getKey();
                Image img = RenderJob.frame(plan, f, renderer, spec);
                BufferedImage t = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
                t.setRGB(0, 0, img.width(), img.height(), img.toRgb8(), 0, img.width());
                int x = GAP + (k % cols) * cellW, y = GAP + (k / cols) * cellH;
                g.drawImage(t, x, y, null);
                boolean flagged = !e.getValue().isEmpty();
                List<String> ctl = controls.getOrDefault(f, List.of());
                if (flagged || !ctl.isEmpty()) {
                    g.setColor(flagged ? new Color(255, 64, 48) : new Color(95, 179, 255));
                    g.setStroke(new BasicStroke(2));
                    g.drawRect(x - 1, y - 1, tile.width() + 1, tile.height() + 1);
                } else {
                    g.setColor(new Color(210, 210, 210));
                }
                String label = ("batch " + plan.record(f).step() + (flagged ? "  " + e.getValue() : "")
                        + (ctl.isEmpty() ? "" : "  " + String.join(", ", ctl))).replaceAll("\\p{Cntrl}", " ");
                FontMetrics fm = g.getFontMetrics();
                while (fm.stringWidth(label) > tile.width() - 4 && label.length() > 4) {
                    label = label.substring(0, label.length() - 2) + "\u2026"; // drops a character and any earlier ellipsis
                }
                g.drawString(label, x + 2, y + tile.height() + LABEL - 4);
                k++;
                bar.update(k, "batch " + plan.record(f).step());
            }
        } finally {
            g.dispose();
        }
        bar.finish("");
        Png.write(sheet, out);
        return new Result(out, n, settings.count(), rules.size());
    }
}

package bloom.film;

import bloom.trace.Evaluation;
import bloom.trace.Event;
import bloom.trace.StepRecord;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The caption {@code --caption} burns into a film, for people scrubbing the MP4 in an ordinary
 * player: batch, epoch, loss and the newest validation BLEU on one line; the events of the last
 * two seconds of film (marks, learning-rate changes, pauses, injected faults) above it.
 */
public final class Caption {

    private Caption() {}

    /** The caption's lines for frame {@code f}, top first: recent events, then the batch line. */
    public static List<String> lines(FramePlanner plan, int f, double fps) {
        StepRecord r = plan.record(f);
        List<String> out = new ArrayList<>();
        for (Event e : plan.events(r.step() - Math.round(2 * fps), r.step())) {
            out.add(e.describe());
        }
        Evaluation ev = plan.evaluation(r.step());
        out.add(String.format(Locale.ROOT, "batch %d \u00b7 epoch %d \u00b7 %s%s", r.step(), r.epoch() + 1,
                Double.isFinite(r.loss()) ? String.format(Locale.ROOT, "loss %.3f", r.loss()) : "loss not finite",
                ev == null ? "" : String.format(Locale.ROOT, " \u00b7 valid BLEU %.1f", ev.bleu())));
        return out;
    }

    /** {@code rgb} ({@code width} x {@code height}) with {@code lines} drawn at its bottom left over a dark band. */
    public static int[] burn(int[] rgb, int width, int height, List<String> lines) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = Math.max(9, height / 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            FontMetrics fm = g.getFontMetrics();
            int lineHeight = fm.getHeight();
            int pad = Math.max(2, size / 3);
            int band = lines.size() * lineHeight + 2 * pad;
            g.setColor(new Color(0, 0, 0, 150));
            g.fillRect(0, height - band, width, band);
            int y = height - band + pad + fm.getAscent();
            for (int i = 0; i < lines.size(); i++) {
                String line = fit(lines.get(i), fm, width - 2 * pad);
                g.setColor(i == lines.size() - 1 ? new Color(235, 235, 235) : new Color(120, 190, 255));
                g.drawString(line, pad, y);
                y += lineHeight;
            }
        } finally {
            g.dispose();
        }
        return img.getRGB(0, 0, width, height, null, 0, width);
    }

    private static String fit(String s, FontMetrics fm, int width) {
        String t = s.replaceAll("\\p{Cntrl}", " ");
        while (fm.stringWidth(t) > width && t.length() > 2) {
            t = t.substring(0, t.length() - 2) + "\u2026";
        }
        return t;
    }
}

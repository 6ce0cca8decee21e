package bloom.film;

import bloom.trace.Evaluation;
import bloom.trace.Trace;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page of a rendered run, to scrub its frames: every frame as a JPEG
 * thumbnail, the timeline of loss and norms, the flagged batches, each frame's metadata. It
 * opens from the file system, offline.
 */
public final class Report {

    /** The report's file in a run directory. */
    public static final String FILE = "report.html";

    /**
     * @param thumbnail   width of the frames in the page, 32 to 3840 pixels
     * @param jpegQuality JPEG quality of the frames, 0.1 to 1
     */
    public record Settings(int thumbnail, double jpegQuality) {
        public Settings {
            if (thumbnail < 32 || thumbnail > 3840) {
                throw FilmException.usage("--thumbnail " + thumbnail + ": expected 32 to 3840 pixels");
            }
            if (!(jpegQuality >= 0.1 && jpegQuality <= 1)) {
                throw FilmException.usage("--jpeg-quality " + jpegQuality + ": expected 0.1 to 1");
            }
        }
    }

    /** What was written: the page, its frames, its flags. */
    public record Result(Path file, int frames, int flags, long bytes) {}

    private Report() {}

    /** Writes RUN/report.html from RUN/run.mp4, its frames.json and the flags found with the default thresholds. */
    public static Result write(Path run, Settings settings, Progress progress) throws IOException {
        RunDirectory.requireRun(run);
        Path video = run.resolve(RunDirectory.VIDEO);
        Path index = RenderJob.indexFor(video);
        if (!Files.exists(video) || !Files.exists(index)) {
            throw FilmException.usage(run + ": not rendered yet (no " + RunDirectory.VIDEO + " and frames.json); "
                    + "render it with: bloom render " + run);
        }
        Inspection.Result found = Inspection.analyse(run, Anomalies.Settings.DEFAULT);
        List<FrameEntry> frames = FrameEntry.read(index);
        List<String> images = frames(video, frames.size(), settings, progress);
        Path out = run.resolve(FILE);
        Files.writeString(out, html(run, frames, found.anomalies(), images), StandardCharsets.UTF_8);
        return new Result(out, images.size(), found.anomalies().size(), Files.size(out));
    }

    /** Every frame of the video as a JPEG data URI, at most the thumbnail width wide. */
    private static List<String> frames(Path video, int expected, Settings settings, Progress progress) throws IOException {
        List<String> out = new ArrayList<>(expected);
        Progress.Bar bar = progress.bar("report", expected, "frames");
        Mp4Encoder.decode(video, (i, w, h, rgb) -> {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, w, h, rgb, 0, w);
            out.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(
                    jpeg(scaled(img, settings.thumbnail()), settings.jpegQuality())));
            bar.update(out.size(), "");
        });
        bar.finish("");
        if (out.size() != expected) {
            progress.log("note: the video holds " + out.size() + " frames, frames.json " + expected);
        }
        return out;
    }

    private static BufferedImage scaled(BufferedImage img, int thumbnail) {
        int w = Math.min(thumbnail, img.getWidth());
        int h = Math.max(1, (int) Math.round(img.getHeight() * (w / (double) img.getWidth())));
        BufferedImage s = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = s.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return s;
    }

    private static byte[] jpeg(BufferedImage img, double quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality((float) quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** The page: the template with the run's data put in as one JSON object. */
    static String html(Path run, List<FrameEntry> frames, List<Anomalies.Anomaly> anomalies, List<String> images) throws IOException {
        List<Map<String, Object>> meta = new ArrayList<>();
        List<Evaluation> evals = Trace.read(run.resolve(Trace.FILE)).evaluations();
        int ei = -1;
        for (FrameEntry f : frames) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", f.frame());
            m.put("step", f.step());
            m.put("epoch", f.epoch());
            m.put("loss", f.loss());
            m.put("gradNorm", f.gradNorm());
            m.put("updateNorm", f.updateNorm());
            m.put("updateRatio", f.updateRatio());
            m.put("relativeStep", f.relativeStep());
            m.put("change", f.change());
            m.put("finite", f.finite());
            m.put("paletteStep", f.paletteStep());
            long step = f.step();
            while (ei + 1 < evals.size() && evals.get(ei + 1).step() <= step) {
                ei++;
            }
            m.put("validBleu", ei < 0 ? null : Json.finite(evals.get(ei).bleu()));
            meta.add(m);
        }
        List<Object> flags = new ArrayList<>();
        for (Anomalies.Anomaly a : anomalies) {
            flags.add(a.toJson());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", run.toAbsolutePath().normalize().getFileName().toString());
        data.put("frames", meta);
        data.put("anomalies", flags);
        List<Object> events = new ArrayList<>();
        for (bloom.trace.Event e : Trace.read(run.resolve(Trace.FILE)).events()) {
            events.add(Map.of("step", e.step(), "kind", e.kind().spelling(), "text", e.text()));
        }
        data.put("events", events);
        data.put("images", images);
        String json = scriptSafe(Json.mapper().writer().writeValueAsString(data));
        String template;
        try (InputStream in = Report.class.getResourceAsStream("/bloom/film/report.html")) {
            if (in == null) {
                throw new IllegalStateException("report template missing from the jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("/*BLOOM_DATA*/null", json).replace("BLOOM_TITLE", escape(String.valueOf(data.get("run"))));
    }

    /**
     * JSON made safe inside a script element: no '<', '>' or '&' at all (so neither "</script>"
     * nor "<!--" can change how the page is parsed), and the two line separators JavaScript
     * does not allow raw in a string. They only occur inside JSON strings, where the escapes mean
     * the same characters.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

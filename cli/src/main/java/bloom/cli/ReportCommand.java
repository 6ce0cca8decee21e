package bloom.cli;

import bloom.film.Anomalies;
import bloom.film.FrameEntry;
import bloom.film.Json;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Write a self-contained HTML report of a rendered run, to scrub its frames and find the batch that "
                        + "went wrong. It opens from the file system, offline, in any browser.",
                "",
                "The page holds every frame (as a thumbnail) with a scrubber; a timeline of loss, gradient norm, "
                        + "update norm and log10 update:parameter ratio (with the healthy band around 1e-3) that keeps "
                        + "each column's minimum and maximum, so no spike is hidden; the flagged batches of "
                        + "'bloom inspect' as markers that jump to their frame; the frames before and after with their "
                        + "difference; each frame's metadata. Keys: left and right arrows step a frame, Home and End.",
                ""},
        footer = {"", "Examples:",
                "  bloom report runs/run-20261123-101500           # then open runs/run-20261123-101500/report.html",
                "  bloom report runs/long --thumbnail 240"})
final class ReportCommand implements Callable<Integer> {

    static final String REPORT = "report.html";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A rendered run directory.")
    Path run;

    @Option(names = "--thumbnail", paramLabel = "WIDTH", defaultValue = "480",
            description = "Width of the frames in the report; smaller for long runs (default: ${DEFAULT-VALUE}).")
    int thumbnail;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "0.8",
            description = "JPEG quality of the frames, 0.1 to 1 (default: ${DEFAULT-VALUE}).")
    double jpegQuality;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        if (thumbnail < 32 || thumbnail > 3840) {
            throw BloomException.usage("--thumbnail " + thumbnail + ": expected 32 to 3840 pixels");
        }
        if (!(jpegQuality >= 0.1 && jpegQuality <= 1)) {
            throw BloomException.usage("--jpeg-quality " + jpegQuality + ": expected 0.1 to 1");
        }
        Path video = run.resolve(RunDirectory.VIDEO);
        Path index = RenderJob.indexFor(video);
        if (!Files.exists(video) || !Files.exists(index)) {
            throw BloomException.usage(run + ": not rendered yet (no " + RunDirectory.VIDEO + " and frames.json); "
                    + "render it with: bloom render " + run);
        }
        InspectCommand.Result found = InspectCommand.analyse(run, Anomalies.Settings.DEFAULT);
        List<FrameEntry> frames = FrameEntry.read(index);
        List<String> images = frames(video, frames.size(), err);
        Path out = run.resolve(REPORT);
        Files.writeString(out, html(run, frames, found.anomalies(), images), StandardCharsets.UTF_8);
        RunCommand.log(err, String.format(Locale.ROOT, "%d frames, %d flags -> %s (%.1f MB)", images.size(),
                found.anomalies().size(), out, Files.size(out) / 1e6));
        spec.commandLine().getOut().println(out);
        return ExitCodes.OK;
    }

    /** Every frame of the video as a JPEG data URI, at most {@link #thumbnail} wide. */
    private List<String> frames(Path video, int expected, PrintWriter err) throws IOException {
        List<String> out = new ArrayList<>(expected);
        ProgressBar bar = ProgressBar.stderr("report", expected, "frames");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                BufferedImage img = conv.convert(f);
                out.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(scaled(img))));
                bar.update(out.size(), "");
            }
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Cannot read video " + video + ": " + e.getMessage(), e);
        }
        bar.finish("");
        if (out.size() != expected) {
            RunCommand.log(err, "note: the video holds " + out.size() + " frames, frames.json " + expected);
        }
        return out;
    }

    private BufferedImage scaled(BufferedImage img) {
        int w = Math.min(thumbnail, img.getWidth());
        int h = Math.max(1, (int) Math.round(img.getHeight() * (w / (double) img.getWidth())));
        BufferedImage s = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = s.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return s;
    }

    private byte[] jpeg(BufferedImage img) throws IOException {
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality((float) jpegQuality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** The page: the template with the run's data put in as one JSON object. */
    static String html(Path run, List<FrameEntry> frames, List<Anomalies.Anomaly> anomalies, List<String> images) throws IOException {
        List<Map<String, Object>> meta = new ArrayList<>();
        List<bloom.trace.Evaluation> evals = bloom.trace.Trace.read(run.resolve(bloom.nmt.train.Trainer.TRACE)).evaluations();
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
        data.put("images", images);
        String json = scriptSafe(Json.mapper().writer().writeValueAsString(data));
        String template;
        try (InputStream in = ReportCommand.class.getResourceAsStream("/bloom/cli/report.html")) {
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

package bloom.film;

import bloom.film.Mp4Encoder;
import bloom.flame.genome.Genome;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.flame.xml.FlameXml;
import bloom.palette.DriftingPalettes;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.Trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a recorded run to an MP4, one frame per minibatch. Frames are encoded as they are
 * rendered into segments of {@code segmentFrames} frames; a finished segment is never rendered
 * again, so a killed render resumes where its last segment ended. When all segments exist they
 * are joined without re-encoding and the frame index is written beside the video.
 */
public final class RenderJob {

    /** What the render measured. */
    public record Result(Path video, Path index, int frames, int renderedNow, double seconds, double spearman,
                  double colourfulnessFirst, double colourfulnessLast) {}

    private static final Pattern SEGMENT = Pattern.compile("(\\d{6})-(\\d{6})\\.mp4");

    private final Path runDir;
    private final RenderSettings settings;
    private final Path output;
    private final Renderer renderer;
    /** Live render: whether training has ended (the rest is the tail, shown with its own bar). */
    private volatile boolean trainingOver;
    /** Whether the join already sent a failed segment back to be rendered again. */
    private boolean reRendered;

    public RenderJob(Path runDir, RenderSettings settings, Path output, Renderer renderer) {
        this.runDir = runDir;
        this.settings = settings;
        this.output = output;
        this.renderer = renderer;
    }

    /** Frame {@code f} as the video shows it: its genome rendered, marked red if its batch was not finite. */
    public static Image frame(FramePlanner plan, int f, Renderer renderer, RenderSpec spec) {
        Image img = renderer.render(CompiledGenome.compile(plan.genome(f)), spec, Renderer.Progress.NONE);
        return plan.record(f).finite() ? img : NonFiniteFrame.mark(img);
    }

    /** The frame index written beside a video: {@code run.mp4} -> {@code frames.json}, {@code x.mp4} -> {@code x.frames.json}. */
    public static Path indexFor(Path video) {
        String name = video.getFileName().toString();
        String stem = name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : name;
        return video.resolveSibling(stem.equals("run") ? "frames.json" : stem + ".frames.json");
    }

    public Result run(Progress progress) throws IOException {
        Trace trace = RunDirectory.readTrace(runDir, progress::log);
        FramePlanner plan = new FramePlanner(trace, Genomes.load(settings.genome(), settings.genomeIndex()), settings);
        try {
            return render(plan, f -> f < plan.frames(), plan.frames(), plan.frames(), progress, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("render interrupted", e);
        }
    }

    /** Decides whether frame f exists, waiting for training where it must. */
    private interface Frames {
        boolean has(int frame) throws IOException, InterruptedException;
    }

    /**
     * Renders while training runs, from the records {@code feed} hands over: frame t is planned
     * once record t+1 has arrived (so every snapshot up to step t is known) or training ended.
     * While training runs, the CPU renderer keeps one core free for it; afterwards it takes all.
     * {@code rendered} hears the number of frames encoded so far.
     *
     * @param totalSteps the minibatches training will do, for the progress bar
     */
    public Result runLive(LiveFeed feed, long totalSteps, Progress progress, java.util.function.LongConsumer rendered) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        CpuRenderer cpu = renderer instanceof CpuRenderer c ? c : null;
        try {
            Trace prefix = (Trace) next(feed);
            FramePlanner plan = new FramePlanner(prefix.header().sketchDims(), Genomes.load(settings.genome(),
                    settings.genomeIndex()), settings);
            plan.addAll(prefix);
            boolean[] ended = {false};
            if (cpu != null) {
                cpu.limitParallelism(Math.max(1, cores - 1));
            }
            Frames frames = f -> {
                if (feed.trainingEnded() && !feed.trainingCompleted()) {
                    throw new TrainingStopped();
                }
                if (!trainingOver && feed.trainingEnded()) {
                    trainingOver = true; // the rest is the tail: every core renders it
                    if (cpu != null) {
                        cpu.limitParallelism(cores);
                    }
                }
                while (!ended[0] && plan.frames() < f + 2) {
                    Object item = next(feed);
                    if (LiveFeed.isEnd(item)) {
                        ended[0] = true;
                        trainingOver = true;
                        if (!LiveFeed.completed(item)) {
                            throw new TrainingStopped();
                        }
                        if (cpu != null) {
                            cpu.limitParallelism(cores);
                        }
                    } else if (item instanceof StepRecord r) {
                        plan.add(r);
                    } else if (item instanceof EmbeddingSnapshot e) {
                        plan.add(e);
                    }
                }
                return f < plan.frames();
            };
            return render(plan, frames, prefix.steps().size(), (int) totalSteps, progress, rendered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingStopped();
        } catch (RuntimeException | IOException | Error e) {
            feed.consumerFailed(e);
            throw e;
        } finally {
            if (cpu != null) {
                cpu.limitParallelism(cores);
            }
        }
    }

    /** Training ended without finishing: what was rendered is kept for the resume. */
    public static final class TrainingStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingStopped() {
            super("training stopped before the render finished");
        }
    }

    private static Object next(LiveFeed feed) throws InterruptedException {
        while (true) {
            Object item = feed.take(250);
            if (item != null && !(item instanceof bloom.trace.Evaluation)) {
                return item;
            }
        }
    }

    /**
     * The render loop: frames from the first not yet in a finished segment, as long as
     * {@code frames.has(f)}; segments of {@code segmentFrames}; then the join.
     *
     * @param known    frames certainly in the trace now (finished segments beyond are rendered again)
     * @param expected frames expected in all, for the progress bar
     * @param rendered hears frames encoded so far while training runs; null to show a bar from the start
     */
    private Result render(FramePlanner plan, Frames frames, int known, int expected, Progress progress,
                          java.util.function.LongConsumer rendered) throws IOException, InterruptedException {
        Path segments = output.resolveSibling(stem(output) + ".segments");
        Files.createDirectories(segments);
        cleanPartial(segments);
        int start = completedPrefix(segments, known, progress);
        if (start > 0) {
            progress.log("resuming the render at frame " + start + " (" + start + " frames already encoded)");
        }
        Path pngDir = runDir.resolve("frames");
        if (settings.png()) {
            Files.createDirectories(pngDir);
        }
        RenderSpec spec = new RenderSpec(settings.size().width(), settings.size().height(), settings.quality(),
                settings.oversample(), settings.seed(), settings.threads());
        Progress.Bar bar = null;
        long t0 = System.nanoTime();
        int[] previous = null;
        if (start > 0) {
            previous = frame(plan, start - 1, renderer, spec).toRgb8();
        }
        int renderedNow = 0;
        int f = start;
        while (frames.has(f)) {
            int segStart = f;
            int segLast = segStart + settings.segmentFrames() - 1;
            Path part = segments.resolve(String.format(Locale.ROOT, "%06d.part.mp4", segStart));
            List<FrameEntry> infos = new ArrayList<>();
            try (Mp4Encoder encoder = new Mp4Encoder(part, spec.width(), spec.height(), settings.fps(), settings.crf())) {
                for (; f <= segLast && frames.has(f); f++) {
                    Genome g = plan.genome(f);
                    Image img = frame(plan, f, renderer, spec);
                    encoder.write(img);
                    int[] rgb = img.toRgb8();
                    double change = previous == null ? Double.NaN : Stats.meanAbsoluteDifference(previous, rgb);
                    previous = rgb;
                    if (settings.png()) {
                        Png.write(img, pngDir.resolve(String.format(Locale.ROOT, "%06d.png", f)));
                    }
                    infos.add(frameInfo(f, plan.record(f), change, g, plan));
                    renderedNow++;
                    if (rendered != null && !trainingOver) {
                        rendered.accept(f + 1);
                    } else {
                        if (bar == null) {
                            bar = progress.bar("rendering", Math.max(expected, plan.frames()), "frames");
                        }
                        bar.update(f + 1, "step " + plan.record(f).step());
                    }
                }
            }
            int segEnd = f - 1;
            long encoded = Mp4Encoder.probe(part).frames();
            if (encoded != segEnd - segStart + 1) {
                throw new IOException(part + ": holds " + encoded + " frames after encoding, expected "
                        + (segEnd - segStart + 1) + " (is the disk failing?)");
            }
            FrameEntry.write(segments.resolve(String.format(Locale.ROOT, "%06d-%06d.json", segStart, segEnd)), infos);
            Files.move(part, segments.resolve(String.format(Locale.ROOT, "%06d-%06d.mp4", segStart, segEnd)),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        if (bar != null) {
            bar.finish("");
        }
        if (plan.frames() == 0) {
            throw FilmException.badInput("the trace holds no minibatch yet: nothing to render");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int total = plan.frames();

        int verified = completedPrefix(segments, total, progress);
        if (verified < total) {
            if (reRendered) {
                throw new IOException(segments + ": the segment from frame " + verified
                        + " failed verification again after rendering it again");
            }
            reRendered = true;
            progress.log("rendering frames " + verified + " to " + (total - 1) + " again");
            return run(progress);
        }
        List<Path> parts = segmentFiles(segments);
        Path tmpVideo = output.resolveSibling(stem(output) + ".joining.mp4");
        Mp4Encoder.concat(parts, tmpVideo);
        Files.move(tmpVideo, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<FrameEntry> index = new ArrayList<>();
        for (Path p : parts) {
            index.addAll(FrameEntry.read(sidecar(p)));
        }
        Path indexFile = indexFor(output);
        FrameEntry.write(indexFile, index);
        deleteTree(segments);

        double[] updates = new double[index.size()];
        double[] changes = new double[index.size()];
        for (int i = 0; i < index.size(); i++) {
            updates[i] = FrameEntry.value(index.get(i).updateNorm());
            changes[i] = FrameEntry.value(index.get(i).change());
        }
        float[][] ends = plan.firstAndLastPalette();
        double cFirst = ends == null ? Double.NaN : DriftingPalettes.colourfulness(ends[0]);
        double cLast = ends == null ? Double.NaN : DriftingPalettes.colourfulness(ends[1]);
        return new Result(output, indexFile, total, renderedNow, seconds, Stats.spearman(updates, changes), cFirst, cLast);
    }

    private static FrameEntry frameInfo(int frame, StepRecord r, double change, Genome g, FramePlanner plan) {
        return new FrameEntry(frame, r.step(), r.epoch(), Json.finite(r.loss()), Json.finite(r.gradNorm()),
                Json.finite(r.updateNorm()), Json.finite(r.updateRatio()), r.finite(), Json.finite(plan.relativeStep(frame)),
                Json.finite(change), Json.finite(plan.paletteStep(frame)), digest(g));
    }

    /** First 12 hex digits of the SHA-256 of the frame's genome as flam3 XML. */
    public static String digest(Genome g) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(FlameXml.toXml(g).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The frames held by finished segments from frame 0 on, without a gap, each verified: its
     * video holds as many frames as its name says, and so does its index. Segments from the
     * first that fails on are deleted, to be rendered again.
     */
    private static int completedPrefix(Path segments, int frames, Progress progress) throws IOException {
        int next = 0;
        for (Path p : segmentFiles(segments)) {
            Matcher m = SEGMENT.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            if (from != next || to >= frames) {
                break;
            }
            String fault = verify(p, to - from + 1);
            if (fault != null) {
                progress.log("segment " + p.getFileName() + " " + fault + ": frames from " + from + " on are rendered again");
                break;
            }
            next = to + 1;
        }
        // Drop segments after a gap: they will be rendered again.
        for (Path p : segmentFiles(segments)) {
            Matcher m = SEGMENT.matcher(p.getFileName().toString());
            if (m.matches() && Integer.parseInt(m.group(1)) >= next) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(sidecar(p));
            }
        }
        return next;
    }

    /** Null if the segment and its index hold {@code frames} frames each, else what is wrong. */
    private static String verify(Path segment, int frames) {
        Path index = sidecar(segment);
        if (!Files.exists(index)) {
            return "has no frame index";
        }
        try {
            int n = FrameEntry.read(index).size();
            if (n != frames) {
                return "has a frame index of " + n + " frames, expected " + frames;
            }
        } catch (IOException e) {
            return "has an unreadable frame index";
        }
        long encoded;
        // A damaged file is expected here: FFmpeg's own complaints would only repeat this method's answer.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
        try {
            encoded = Mp4Encoder.probe(segment).frames();
        } catch (IOException | RuntimeException e) {
            return "is not a readable video";
        } finally {
            org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        }
        return encoded == frames ? null : "holds " + encoded + " frames, expected " + frames;
    }

    private static List<Path> segmentFiles(Path segments) throws IOException {
        try (Stream<Path> s = Files.list(segments)) {
            return s.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static void cleanPartial(Path segments) throws IOException {
        try (Stream<Path> s = Files.list(segments)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".part.mp4")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path sidecar(Path segment) {
        String n = segment.getFileName().toString();
        return segment.resolveSibling(n.substring(0, n.length() - 4) + ".json");
    }

    public static String stem(Path video) {
        String n = video.getFileName().toString();
        return n.endsWith(".mp4") ? n.substring(0, n.length() - 4) : n;
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

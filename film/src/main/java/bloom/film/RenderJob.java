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

    /** Hears every frame as it is encoded, on the rendering thread. */
    @FunctionalInterface
    public interface FrameListener {
        /** Frame {@code entry.frame()}, as packed 0xRRGGBB, {@code width} x {@code height}. */
        void frame(FrameEntry entry, int[] rgb, int width, int height) throws IOException;
    }

    private FrameListener listener;

    /** Hands every frame rendered to {@code listener} (the live page's previews); null for none. */
    public RenderJob onFrame(FrameListener listener) {
        this.listener = listener;
        return this;
    }

    public RenderJob(Path runDir, RenderSettings settings, Path output, Renderer renderer) {
        this.runDir = runDir;
        this.settings = settings;
        this.output = output;
        this.renderer = renderer;
    }

    /** Frame {@code f} as the video shows it: its genome rendered, marked red if its batch was not finite. */
    public static Image frame(FramePlanner plan, int f, Renderer renderer, RenderSpec spec) {
        return frame(plan, f, renderer, spec, Renderer.Progress.NONE);
    }

    /** The same, telling {@code progress} how far the one frame is (a 4K still takes a while). */
    public static Image frame(FramePlanner plan, int f, Renderer renderer, RenderSpec spec, Renderer.Progress progress) {
        Image img = renderer.render(CompiledGenome.compile(plan.genome(f)), spec, progress);
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
     * once the records its step size is measured against have arrived ({@link FramePlanner#settled}:
     * the {@link bloom.flame.fold.StepScale#WINDOW} after it, so also record t+1 and with it every
     * snapshot up to step t), or training ended.
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
                while (!ended[0] && !plan.settled(f)) {
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
                    } else if (item instanceof bloom.trace.Event e) {
                        plan.add(e);
                    } else if (item instanceof bloom.trace.Evaluation e) {
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
            if (item != null) {
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
        Path pngDir = settings.png() ? runDir.resolve("frames") : null;
        RenderSpec spec = new RenderSpec(settings.size().width(), settings.size().height(), settings.quality(),
                settings.oversample(), settings.seed(), settings.threads());
        long t0 = System.nanoTime();
        int[] previous = null;
        if (start > 0) {
            previous = frame(plan, start - 1, renderer, spec).toRgb8();
        }
        int[] renderedNow = {0};
        Progress.Bar[] barHolder = {null};
        int f = start;
        while (frames.has(f)) {
            int[][] prev = {previous};
            f = encodeSegment(plan, f, f + settings.segmentFrames() - 1, frames, segments, pngDir, settings, renderer, prev, listener, frame -> {
                renderedNow[0]++;
                if (rendered != null && !trainingOver) {
                    rendered.accept(frame + 1);
                } else {
                    if (barHolder[0] == null) {
                        barHolder[0] = progress.bar("rendering", Math.max(expected, plan.frames()), "frames");
                    }
                    barHolder[0].update(frame + 1, "step " + plan.record(frame).step());
                }
            });
            previous = prev[0];
        }
        Progress.Bar bar = barHolder[0];
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
        return join(plan, segments, renderedNow[0], seconds);
    }

    /** Joins the verified segments of every frame into the video and its index, and removes them. */
    private Result join(FramePlanner plan, Path segments, int renderedNow, double seconds) throws IOException {
        int total = plan.frames();
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

    /** Frames {@code from} to {@code to} of a render: one video segment, one cluster task. */
    public record Segment(int from, int to) implements java.io.Serializable {
        public int frames() {
            return to - from + 1;
        }

        /** The segment's video file name, {@code FROM-TO.mp4}; its index is {@code FROM-TO.json}. */
        String fileName() {
            return name(from, to) + ".mp4";
        }

        static String name(int from, int to) {
            return String.format(Locale.ROOT, "%06d-%06d", from, to);
        }
    }

    /** Where this render keeps its segments until they are joined: beside the video, {@code NAME.segments}. */
    public Path segmentsDir() {
        return output.resolveSibling(stem(output) + ".segments");
    }

    /**
     * For a render whose segments are made elsewhere (cluster tasks): the segments of
     * {@code plan}'s frames not finished yet. Every finished segment is verified (its video and
     * its index hold the frames its name says); one that fails, a partial attempt and a segment
     * of another layout are deleted, and what it held is rendered again.
     */
    public List<Segment> missingSegments(FramePlanner plan, Progress progress) throws IOException {
        Path segments = segmentsDir();
        Files.createDirectories(segments);
        cleanPartial(segments);
        List<Segment> all = new ArrayList<>();
        for (int from = 0; from < plan.frames(); from += settings.segmentFrames()) {
            all.add(new Segment(from, Math.min(plan.frames(), from + settings.segmentFrames()) - 1));
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Segment s : all) {
            wanted.add(s.fileName());
        }
        for (Path p : segmentFiles(segments)) {
            if (!wanted.contains(p.getFileName().toString())) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(sidecar(p));
            }
        }
        List<Segment> missing = new ArrayList<>();
        for (Segment s : all) {
            Path p = segments.resolve(s.fileName());
            if (!Files.exists(p)) {
                missing.add(s);
                continue;
            }
            String fault = verify(p, s.frames());
            if (fault != null) {
                progress.log("segment " + p.getFileName() + " " + fault + ": it is rendered again");
                Files.deleteIfExists(p);
                Files.deleteIfExists(sidecar(p));
                missing.add(s);
            }
        }
        return missing;
    }

    /**
     * Joins the segments made elsewhere into the video and its index, once
     * {@link #missingSegments} finds none missing; fails naming the first segment that is.
     */
    public Result joinSegments(FramePlanner plan, int renderedNow, double seconds, Progress progress) throws IOException {
        List<Segment> missing = missingSegments(plan, progress);
        if (!missing.isEmpty()) {
            throw new IOException(segmentsDir() + ": " + missing.size() + " segment" + (missing.size() == 1 ? "" : "s")
                    + " missing or damaged after the render, the first for frames " + missing.get(0).from() + " to "
                    + missing.get(0).to());
        }
        return join(plan, segmentsDir(), renderedNow, seconds);
    }

    /**
     * Renders frames {@code from} to at most {@code last} (while {@code frames.has}) into one
     * finished segment of {@code segments}: encoded under a name of its own, its frame count
     * verified, its index written, then both renamed into place atomically, replacing what a
     * failed or duplicate attempt left. {@code previous} holds the RGB of the frame before
     * {@code from} (for the image change) and is left holding the last frame's.
     *
     * @return the frame after the segment's last
     */
    private static int encodeSegment(FramePlanner plan, int from, int last, Frames frames, Path segments, Path pngDir,
                                     RenderSettings settings, Renderer renderer, int[][] previous, FrameListener listener,
                                     java.util.function.IntConsumer encoded) throws IOException, InterruptedException {
        RenderSpec spec = spec(settings);
        String attempt = java.util.UUID.randomUUID().toString();
        Path part = segments.resolve(String.format(Locale.ROOT, "%06d.part-%s.mp4", from, attempt));
        List<FrameEntry> infos = new ArrayList<>();
        int f = from;
        try {
            try (Mp4Encoder encoder = new Mp4Encoder(part, spec.width(), spec.height(), settings.fps(), settings.crf(), settings.codec())) {
                for (; f <= last && frames.has(f); f++) {
                    Genome g = plan.genome(f);
                    Image img = frame(plan, f, renderer, spec);
                    int[] rgb = img.toRgb8(); // one conversion to 8 bits for the encoder, the change and the previews
                    encoder.write(settings.caption()
                            ? Caption.burn(rgb, spec.width(), spec.height(), Caption.lines(plan, f, settings.fps())) : rgb);
                    double change = previous[0] == null ? Double.NaN : Stats.meanAbsoluteDifference(previous[0], rgb);
                    previous[0] = rgb;
                    if (pngDir != null) {
                        Files.createDirectories(pngDir);
                        Png.write(img, pngDir.resolve(String.format(Locale.ROOT, "%06d.png", f)));
                    }
                    FrameEntry entry = frameInfo(f, plan.record(f), change, g, plan);
                    infos.add(entry);
                    if (listener != null) {
                        listener.frame(entry, rgb, spec.width(), spec.height());
                    }
                    encoded.accept(f);
                }
            }
            int end = f - 1;
            long count = Mp4Encoder.probe(part).frames();
            if (count != end - from + 1) {
                throw new IOException(part + ": holds " + count + " frames after encoding, expected "
                        + (end - from + 1) + " (is the disk failing?)");
            }
            String name = Segment.name(from, end);
            FrameEntry.write(segments.resolve(name + ".json"), infos);
            Files.move(part, segments.resolve(name + ".mp4"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return f;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Renders one segment of a run on its own, as a cluster task does: frames {@code from} to
     * {@code to} of {@code plan} into {@code segments}, exactly as a whole render would (the image
     * change of frame {@code from} is measured against frame {@code from - 1}, rendered for it).
     * Safe to run twice at once or again after a failure: the last finished attempt's files stand,
     * and every attempt makes the same ones.
     *
     * @param pngDir where each frame also goes as a PNG, or null
     * @return the frames encoded
     */
    public static int renderSegment(FramePlanner plan, int from, int to, Path segments, Path pngDir,
                                    RenderSettings settings, Renderer renderer) throws IOException {
        if (from < 0 || to < from || to >= plan.frames()) {
            throw new IllegalArgumentException("frames " + from + " to " + to + " of a plan of " + plan.frames());
        }
        Files.createDirectories(segments);
        int[][] previous = {from > 0 ? frame(plan, from - 1, renderer, spec(settings)).toRgb8() : null};
        try {
            return encodeSegment(plan, from, to, f -> f <= to, segments, pngDir, settings, renderer, previous, null, f -> { }) - from;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("render interrupted", e);
        }
    }

    private static RenderSpec spec(RenderSettings s) {
        return new RenderSpec(s.size().width(), s.size().height(), s.quality(), s.oversample(), s.seed(), s.threads());
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
            for (Path p : s.filter(p -> p.getFileName().toString().contains(".part") || p.getFileName().toString().endsWith(".tmp")).toList()) {
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

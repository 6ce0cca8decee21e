package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.Main;
import bloom.film.Genomes;
import bloom.film.Png;
import bloom.film.RenderJob;
import bloom.film.Size;
import bloom.film.Stats;
import bloom.flame.genome.Genome;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.flame.render.Similarity;
import bloom.flame.xml.FlameXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Race Bloom's CPU renderer against Debian's flam3 (flam3-utils) as a user meets them: fresh "
                        + "processes, start-up and all, on the same random genomes, in one run on this machine.",
                "",
                "The genomes come from flam3-genome with fixed seeds, so every run races the same ones. Four parts:",
                "  stills  a fresh 'bloom flame render' process against a fresh flam3-render, at each thread count: "
                        + "wall seconds, peak resident memory (MB), the ratio flam3/Bloom (above 1: Bloom is faster) "
                        + "and the SSIM of the two images (equal image quality); Bloom's seconds split into its render "
                        + "(as it logs it: the chaos game with the JIT compiling it, density estimation, tone mapping) "
                        + "and the rest of its process (the JVM's start, the command line, reading the genome, writing "
                        + "the PNG); and, at each thread count, the stills' files given to one Bloom process ('bloom "
                        + "flame render FILE... -o DIR', as for a directory of flames) against those flam3-render "
                        + "processes, one a file, summed;",
                "  batch   the same stills as one file, rendered by one process each: 'bloom flame render --all' against "
                        + "flam3-render (which renders every genome of its file): wall seconds for them all, Bloom's "
                        + "renders among them, seconds per still, peak memory and the median SSIM;",
                "  films   'bloom flame animate' (to MP4) against flam3-animate (to PNGs) on the same two keyframes, "
                        + "every core, motion blur off and on: frames per second and peak memory;",
                "  rate    Bloom's iterations per second per thread inside this JVM, warmed up (an inner-loop figure: "
                        + "chaos game, density estimation and tone mapping, no start-up, no PNG); with --reference, the "
                        + "same for the flames of a directory, such as Bloom's 2019 flames, which flam3 cannot render.",
                "Repetitions are interleaved (flam3, Bloom, Bloom, flam3, ...) and each figure is their median. "
                        + "Medians and the slowest genome close each part. The launcher runs once before the race, so "
                        + "that a build the sources ask for is not timed; a build inside a timed run (a source edited "
                        + "meanwhile) stops the race.",
                ""},
        footer = {"", "Examples:",
                "  bloom bench render                                      # 12 genomes, every part: about 15 minutes on 2 cores",
                "  bloom bench render --genomes 4 --parts stills --threads 1",
                "  bloom bench render --sizes 1920x1080@1000 --parts stills,rate --keep bench/",
                "  bloom bench render --parts rate --genomes 1 --reference ../shared/reference/bloom-2019-flames"})
public final class BenchRenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--genomes", paramLabel = "N", defaultValue = "12", description = "Random genomes to race (default: ${DEFAULT-VALUE}).")
    int genomes;

    @Option(names = "--parts", paramLabel = "PART,...", defaultValue = "stills,batch,films,rate", split = ",",
            description = "Which parts to run: stills, batch, films, rate (default: ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--sizes", paramLabel = "WxH@Q,...", defaultValue = "640x360@200", split = ",",
            description = "Still sizes and qualities (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--threads", paramLabel = "N|all,...", defaultValue = "1,all", split = ",",
            description = "Thread counts of the stills and the rate; 'all' is every core (default: ${DEFAULT-VALUE}).")
    List<String> threads;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "1",
            description = "Interleaved repetitions of each process race, medians kept (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--film", paramLabel = "FRAMES@WxH@Q", defaultValue = "12@640x360@50",
            description = "The films: frames, size and quality per frame (default: ${DEFAULT-VALUE}).")
    String film;

    @Option(names = "--blur", paramLabel = "T", defaultValue = "4",
            description = "Temporal samples per frame of the films with motion blur (default: ${DEFAULT-VALUE}).")
    int blur;

    @Option(names = "--flam3", paramLabel = "DIR", defaultValue = "/usr/bin",
            description = "Where flam3-render, flam3-animate and flam3-genome are (default: ${DEFAULT-VALUE}).")
    Path flam3;

    @Option(names = "--bloom", paramLabel = "LAUNCHER",
            description = "The bloom launcher to race (default: this installation's ./bloom, else this JVM's java "
                    + "with this class path).")
    Path launcher;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "Also measure the in-process rate of every .flame file in DIR, each at its own supersample "
                    + "(Bloom's 2019 flames: ../shared/reference/bloom-2019-flames).")
    Path reference;

    @Option(names = "--reference-size", paramLabel = "WxH@Q", defaultValue = "480x300@40",
            description = "Size and quality of the --reference rates (default: ${DEFAULT-VALUE}).")
    String referenceSpec;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the genomes, images, films and logs in DIR.")
    Path keep;

    private Size referenceSize;
    private double referenceQuality;

    private record Still(int genome, String size, int threads, long iterations, ProcessMeter.Measured flam3,
                         ProcessMeter.Measured bloom, Split split, double ssim, Path file, Path flam3Png) {
        double ratio() {
            return flam3.seconds() / bloom.seconds();
        }
    }

    /**
     * A Bloom process's seconds in two: its renders, as it logs them, and the rest of its wall time
     * (medians of the repetitions, each split within its own run).
     */
    private record Split(double render, double rest) {
        static Split median(List<Split> runs) {
            return new Split(Stats.median(runs.stream().mapToDouble(Split::render).toArray()),
                    Stats.median(runs.stream().mapToDouble(Split::rest).toArray()));
        }
    }

    /** Bloom's log line for each render: "... 46080000 iterations in 1.64 s (28.0 M/s on 1 thread) -> OUT". */
    private static final Pattern RENDERED = Pattern.compile(" iterations in ([0-9.]+) s \\(");

    private record Film(int genome, int temporal, ProcessMeter.Measured flam3, ProcessMeter.Measured bloom) {
        double ratio() {
            return flam3.seconds() / bloom.seconds();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (genomes < 1 || reps < 1 || blur < 2) {
            throw BloomException.usage(genomes < 1 ? "--genomes " + genomes + ": expected at least 1"
                    : reps < 1 ? "--reps " + reps + ": expected at least 1" : "--blur " + blur + ": expected at least 2");
        }
        for (String p : parts) {
            if (!List.of("stills", "batch", "films", "rate").contains(p)) {
                throw BloomException.usage("--parts " + p + ": expected stills, batch, films or rate");
            }
        }
        List<Size> stillSizes = new ArrayList<>();
        List<Double> qualities = new ArrayList<>();
        for (String sq : sizes) {
            String[] s = sq.split("@");
            if (s.length != 2) {
                throw BloomException.usage("--sizes " + sq + ": expected WxH@QUALITY such as 640x360@200");
            }
            stillSizes.add(size("--sizes", s[0]));
            qualities.add(number("--sizes", s[1]));
        }
        String[] rq = referenceSpec.split("@");
        if (rq.length != 2) {
            throw BloomException.usage("--reference-size " + referenceSpec + ": expected WxH@QUALITY such as 480x300@40");
        }
        referenceSize = size("--reference-size", rq[0]);
        referenceQuality = number("--reference-size", rq[1]);
        if (reference != null && !Files.isDirectory(reference)) {
            throw BloomException.usage("--reference " + reference + ": not a directory");
        }
        String[] f = film.split("@");
        if (f.length != 3) {
            throw BloomException.usage("--film " + film + ": expected FRAMES@WxH@QUALITY such as 12@640x360@50");
        }
        int filmFrames = (int) number("--film", f[0]);
        Size filmSize = size("--film", f[1]).requireEven("--film");
        double filmQuality = number("--film", f[2]);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> counts = new ArrayList<>();
        for (String t : threads) {
            counts.add(t.equals("all") ? cores : (int) number("--threads", t));
        }
        Path genomeTool = tool("flam3-genome");
        List<String> bloom = bloomCommand();
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("bloom-bench-render");
        try {
            List<String> texts = new ArrayList<>();
            for (int i = 1; i <= genomes + 1; i++) { // one more: the films' last keyframe
                Path log = dir.resolve("genome-" + i + ".log");
                ProcessMeter.run(List.of(genomeTool.toString()), Map.of("seed", Integer.toString(i),
                        "isaac_seed", "bloom-bench-" + i), dir, log);
                texts.add(Files.readString(log, StandardCharsets.UTF_8));
            }
            out.printf(Locale.ROOT, "Bloom: %s%nflam3: %s (Debian flam3-utils)%nmachine: %d cores; %d genomes from "
                    + "flam3-genome (seeds 1..%d); %d interleaved repetition%s, medians%n%n", String.join(" ", bloom),
                    flam3, cores, genomes, genomes, reps, reps == 1 ? "" : "s");
            out.flush();
            if (parts.contains("stills") || parts.contains("batch") || parts.contains("films")) {
                prime(out, bloom, dir);
            }
            if (parts.contains("stills")) {
                for (int k = 0; k < stillSizes.size(); k++) {
                    stills(out, texts, stillSizes.get(k), qualities.get(k), counts, bloom, dir);
                }
            }
            if (parts.contains("batch")) {
                for (int k = 0; k < stillSizes.size(); k++) {
                    batch(out, texts, stillSizes.get(k), qualities.get(k), counts, bloom, dir);
                }
            }
            if (parts.contains("films")) {
                films(out, texts, filmFrames, filmSize, filmQuality, cores, bloom, dir);
            }
            if (parts.contains("rate")) {
                for (int k = 0; k < stillSizes.size(); k++) {
                    rate(out, texts, stillSizes.get(k), qualities.get(k), counts, dir);
                }
                if (reference != null) {
                    reference(out, reference, referenceSize, referenceQuality, counts);
                }
            }
        } finally {
            if (keep == null) {
                RenderJob.deleteTree(dir);
            }
        }
        return ExitCodes.OK;
    }

    private void stills(PrintWriter out, List<String> texts, Size size, double quality, List<Integer> counts,
                        List<String> bloom, Path dir) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "Stills, whole process: %s quality %s, a fresh process each (bloom flame render | "
                + "flam3-render)%n", size, fmt(quality));
        out.printf(Locale.ROOT, "%-7s %7s %9s %9s %9s %9s %7s %9s %9s %7s%n", "genome", "threads", "flam3 s", "bloom s",
                "render s", "rest s", "ratio", "flam3 MB", "bloom MB", "SSIM");
        List<Still> rows = new ArrayList<>();
        for (int i = 0; i < genomes; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "g%02d-%s.flam3", i + 1, size));
            Files.writeString(file, sized(texts.get(i), size, quality, 1), StandardCharsets.UTF_8);
            for (int n : counts) {
                List<ProcessMeter.Measured> fl = new ArrayList<>(), bl = new ArrayList<>();
                List<Split> splits = new ArrayList<>();
                String stem = String.format(Locale.ROOT, "g%02d-%s-%dt", i + 1, size, n);
                Path flamPng = dir.resolve(stem + "-flam3.png"), bloomPng = dir.resolve(stem + "-bloom.png");
                for (int r = 0; r < reps; r++) {
                    Files.deleteIfExists(bloomPng);
                    Callable<ProcessMeter.Measured> a = flam3Render(file, n, Map.of("out", flamPng.toString()), dir, stem);
                    List<String> cmd = flameRender(bloom, List.of(file), bloomPng, n);
                    Callable<ProcessMeter.Measured> b = () -> splitBloom(cmd, dir, dir.resolve(stem + "-bloom.log"), splits);
                    interleave(r, a, b, fl, bl);
                }
                double ssim = Similarity.ssim(Png.read(bloomPng), Png.read(flamPng), 2);
                Still s = new Still(i, size.toString(), n, (long) (quality * size.width() * size.height()),
                        median(fl), median(bl), Split.median(splits), ssim, file, flamPng);
                rows.add(s);
                out.printf(Locale.ROOT, "%-7d %7d %9.2f %9.2f %9.2f %9.2f %7.2f %9.0f %9.0f %7.3f%n", i + 1, n,
                        s.flam3().seconds(), s.bloom().seconds(), s.split().render(), s.split().rest(), s.ratio(),
                        s.flam3().peakMb(), s.bloom().peakMb(), s.ssim());
                out.flush();
            }
        }
        for (int n : counts) {
            List<Still> g = rows.stream().filter(s -> s.threads() == n).toList();
            Still slowest = g.stream().min((x, y) -> Double.compare(x.ratio(), y.ratio())).orElseThrow();
            out.printf(Locale.ROOT, "median on %d thread%s: flam3 %.2f s, Bloom %.2f s, ratio %.2f (slowest genome %d: "
                            + "%.2f); memory flam3 %.0f MB, Bloom %.0f MB; SSIM %.3f%n", n, n == 1 ? "" : "s",
                    med(g, s -> s.flam3().seconds()), med(g, s -> s.bloom().seconds()), med(g, Still::ratio),
                    slowest.genome() + 1, slowest.ratio(), med(g, s -> s.flam3().peakMb()), med(g, s -> s.bloom().peakMb()),
                    med(g, Still::ssim));
            out.printf(Locale.ROOT, "  Bloom's process on %d thread%s: its render %.2f s, the rest %.2f s (medians); flam3 "
                            + "against the render alone, as if the process cost nothing more: ratio %.2f%n", n,
                    n == 1 ? "" : "s", med(g, s -> s.split().render()), med(g, s -> s.split().rest()),
                    med(g, s -> s.flam3().seconds() / s.split().render()));
            manyFiles(out, g, n, bloom, dir);
        }
        out.println();
        out.flush();
    }

    /**
     * The stills' files given to one Bloom process ({@code bloom flame render FILE... -o DIR}), as a
     * user with a directory of flames would, against the flam3-render processes just timed, one a
     * file (flam3-render reads one file): their medians summed.
     */
    private void manyFiles(PrintWriter out, List<Still> rows, int n, List<String> bloom, Path dir)
            throws IOException, InterruptedException {
        String stem = String.format(Locale.ROOT, "files-%s-%dt", rows.get(0).size(), n);
        Path many = dir.resolve(stem);
        List<Path> files = rows.stream().map(Still::file).toList();
        List<String> cmd = flameRender(bloom, files, many, n);
        List<ProcessMeter.Measured> bl = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            RenderJob.deleteTree(many);
            Files.createDirectories(many); // a directory: also where one file's still goes
            bl.add(splitBloom(cmd, dir, dir.resolve(stem + "-bloom.log"), splits));
        }
        List<Double> ssims = new ArrayList<>();
        for (Still s : rows) {
            Path png = many.resolve(Genomes.stem(s.file().getFileName().toString()) + ".png"); // as the command names it
            ssims.add(Similarity.ssim(Png.read(png), Png.read(s.flam3Png()), 2));
        }
        double flam3 = rows.stream().mapToDouble(s -> s.flam3().seconds()).sum();
        ProcessMeter.Measured b = median(bl);
        String plural = files.size() == 1 ? "" : "s";
        out.printf(Locale.ROOT, "  the %d file%s in one Bloom process (bloom flame render FILE... -o DIR): %.2f s, its "
                        + "render%s %.2f s, %.0f MB, SSIM %.3f; the %d flam3-render process%s above, one a file: %.2f s; "
                        + "ratio %.2f%n", files.size(), plural, b.seconds(), plural, Split.median(splits).render(),
                b.peakMb(), med(ssims, x -> x), files.size(), files.size() == 1 ? "" : "es", flam3, flam3 / b.seconds());
        out.flush();
    }

    /**
     * The stills again, all in one file and one process per tool: flam3-render renders every genome of
     * its file, and so does {@code bloom flame render --all}, whose JVM then starts and compiles the
     * renderer once.
     */
    private void batch(PrintWriter out, List<String> texts, Size size, double quality, List<Integer> counts,
                       List<String> bloom, Path dir) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "Stills in one process: the %d genomes as one file, %s quality %s (bloom flame render "
                + "--all | flam3-render)%n", genomes, size, fmt(quality));
        out.printf(Locale.ROOT, "%7s %9s %9s %9s %7s %12s %12s %9s %9s %7s%n", "threads", "flam3 s", "bloom s", "render s",
                "ratio", "flam3 s/img", "bloom s/img", "flam3 MB", "bloom MB", "SSIM");
        StringBuilder all = new StringBuilder("<flames>\n");
        for (int i = 0; i < genomes; i++) {
            all.append(body(sized(texts.get(i), size, quality, 1))).append('\n');
        }
        Path file = Files.writeString(dir.resolve("batch-" + size + ".flam3"), all.append("</flames>\n"),
                StandardCharsets.UTF_8);
        for (int n : counts) {
            String stem = String.format(Locale.ROOT, "batch-%s-%dt", size, n);
            Path bloomPng = dir.resolve(stem + "-bloom.png");
            List<ProcessMeter.Measured> fl = new ArrayList<>(), bl = new ArrayList<>();
            List<Split> splits = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < genomes; i++) {
                    Files.deleteIfExists(Genomes.numbered(bloomPng, i, genomes));
                }
                Callable<ProcessMeter.Measured> a = flam3Render(file, n,
                        Map.of("prefix", dir.resolve(stem + "-flam3-").toString(), "format", "png"), dir, stem);
                List<String> cmd = flameRender(bloom, List.of(file), bloomPng, n, "--all");
                Callable<ProcessMeter.Measured> b = () -> splitBloom(cmd, dir, dir.resolve(stem + "-bloom.log"), splits);
                interleave(r, a, b, fl, bl);
            }
            List<Double> ssims = new ArrayList<>();
            for (int i = 0; i < genomes; i++) {
                Path flamPng = dir.resolve(String.format(Locale.ROOT, "%s-flam3-%05d.png", stem, i)); // flam3-render's names
                ssims.add(Similarity.ssim(Png.read(Genomes.numbered(bloomPng, i, genomes)), Png.read(flamPng), 2));
            }
            ProcessMeter.Measured f = median(fl), b = median(bl);
            out.printf(Locale.ROOT, "%7d %9.2f %9.2f %9.2f %7.2f %12.2f %12.2f %9.0f %9.0f %7.3f%n", n, f.seconds(),
                    b.seconds(), Split.median(splits).render(), f.seconds() / b.seconds(), f.seconds() / genomes,
                    b.seconds() / genomes, f.peakMb(), b.peakMb(), med(ssims, x -> x));
            out.flush();
        }
        out.println();
        out.flush();
    }

    private void films(PrintWriter out, List<String> texts, int frames, Size size, double quality, int cores,
                       List<String> bloom, Path dir) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "Films, whole process: %d frames of %s quality %s between keyframes genome N and N+1, "
                + "%d threads (bloom flame animate to MP4 | flam3-animate to PNGs)%n", frames, size, fmt(quality), cores);
        out.printf(Locale.ROOT, "%-7s %5s %10s %10s %7s %9s %9s%n", "genome", "blur", "flam3 fps", "bloom fps", "ratio",
                "flam3 MB", "bloom MB");
        List<Film> rows = new ArrayList<>();
        for (int i = 0; i < genomes; i++) {
            for (int t : new int[] {1, blur}) {
                String stem = String.format(Locale.ROOT, "film%02d-t%d", i + 1, t);
                Path file = dir.resolve(stem + ".flam3");
                String a = sized(texts.get(i), size, quality, t).replaceFirst("time=\"[^\"]*\"", "time=\"0\"");
                String b = sized(texts.get(i + 1), size, quality, t)
                        .replaceFirst("time=\"[^\"]*\"", "time=\"" + (frames - 1) + "\"");
                Files.writeString(file, "<flames>\n" + body(a) + "\n" + body(b) + "\n</flames>\n", StandardCharsets.UTF_8);
                List<ProcessMeter.Measured> fl = new ArrayList<>(), bl = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    Path mp4 = dir.resolve(stem + "-r" + r + ".mp4");
                    Files.deleteIfExists(mp4);
                    Callable<ProcessMeter.Measured> fa = () -> ProcessMeter.run(List.of(tool("flam3-animate").toString()),
                            Map.of("in", file.toString(), "begin", "0", "end", Integer.toString(frames - 1),
                                    "prefix", dir.resolve(stem + "-").toString(), "format", "png",
                                    "nthreads", Integer.toString(cores), "isaac_seed", "bench"),
                            dir, dir.resolve(stem + "-flam3.log"));
                    List<String> cmd = new ArrayList<>(bloom);
                    cmd.addAll(List.of("flame", "animate", file.toString(), "-o", mp4.toString(), "--frames",
                            Integer.toString(frames), "--temporal-samples", Integer.toString(t), "--threads",
                            Integer.toString(cores), "--device", "cpu"));
                    Callable<ProcessMeter.Measured> ba = () -> timedBloom(cmd, dir, dir.resolve(stem + "-bloom.log"));
                    interleave(r, fa, ba, fl, bl);
                }
                Film m = new Film(i, t, median(fl), median(bl));
                rows.add(m);
                out.printf(Locale.ROOT, "%-7d %5s %10.2f %10.2f %7.2f %9.0f %9.0f%n", i + 1, t == 1 ? "off" : "x" + t,
                        frames / m.flam3().seconds(), frames / m.bloom().seconds(), m.ratio(), m.flam3().peakMb(),
                        m.bloom().peakMb());
                out.flush();
            }
        }
        for (int t : new int[] {1, blur}) {
            List<Film> g = rows.stream().filter(m -> m.temporal() == t).toList();
            Film slowest = g.stream().min((x, y) -> Double.compare(x.ratio(), y.ratio())).orElseThrow();
            out.printf(Locale.ROOT, "median, motion blur %s: flam3 %.2f fps, Bloom %.2f fps, ratio %.2f (slowest genome "
                            + "%d: %.2f); memory flam3 %.0f MB, Bloom %.0f MB%n", t == 1 ? "off" : t + " samples",
                    frames / med(g, m -> m.flam3().seconds()), frames / med(g, m -> m.bloom().seconds()),
                    med(g, Film::ratio), slowest.genome() + 1, slowest.ratio(), med(g, m -> m.flam3().peakMb()),
                    med(g, m -> m.bloom().peakMb()));
        }
        out.println();
        out.flush();
    }

    private void rate(PrintWriter out, List<String> texts, Size size, double quality, List<Integer> counts, Path dir)
            throws IOException {
        out.printf(Locale.ROOT, "Rate in this JVM (inner loop, warmed up; not what a user waits for): %s quality %s%n",
                size, fmt(quality));
        List<String> labels = new ArrayList<>();
        List<CompiledGenome> compiled = new ArrayList<>();
        for (int i = 0; i < genomes; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "g%02d-%s.flam3", i + 1, size));
            Files.writeString(file, sized(texts.get(i), size, quality, 1), StandardCharsets.UTF_8);
            labels.add(Integer.toString(i + 1));
            compiled.add(CompiledGenome.compile(FlameXml.read(file).get(0)));
        }
        rates(out, labels, compiled, size, quality, false, counts);
    }

    /** The in-process rate of every .flame file in {@code dir} (Bloom's own artworks), each at its own supersample. */
    private void reference(PrintWriter out, Path dir, Size size, double quality, List<Integer> counts) throws IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".flame")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw BloomException.usage("--reference " + dir + ": no .flame file there");
        }
        out.printf(Locale.ROOT, "Rate in this JVM of the flames in %s (inner loop, warmed up, each at its own "
                + "supersample): %s quality %s%n", dir, size, fmt(quality));
        List<String> labels = new ArrayList<>();
        List<CompiledGenome> compiled = new ArrayList<>();
        for (Path f : files) {
            labels.add(f.getFileName().toString().replaceFirst("\\.flame$", ""));
            compiled.add(CompiledGenome.compile(FlameXml.read(f).get(0)));
        }
        rates(out, labels, compiled, size, quality, true, counts);
    }

    /** One row per genome and thread count: iterations per second per thread, median of the repetitions. */
    private void rates(PrintWriter out, List<String> labels, List<CompiledGenome> compiled, Size size, double quality,
                       boolean ownSupersample, List<Integer> counts) {
        int width = Math.max(7, labels.stream().mapToInt(String::length).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s %7s %14s%n", "genome", "threads", "bloom M it/s/t");
        Map<Integer, List<Double>> byThreads = new LinkedHashMap<>();
        for (int i = 0; i < compiled.size(); i++) {
            CompiledGenome g = compiled.get(i);
            int os = ownSupersample ? g.genome().sampling().oversample() : 1;
            for (int n : counts) {
                RenderSpec rs = new RenderSpec(size.width(), size.height(), quality, os, 1, n);
                new CpuRenderer().render(g, rs, Renderer.Progress.NONE); // the JIT's warm-up for this genome
                double[] seconds = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    new CpuRenderer().render(g, rs, Renderer.Progress.NONE);
                    seconds[r] = (System.nanoTime() - t0) / 1e9;
                }
                double rate = rs.iterations() / Stats.median(seconds) / n / 1e6;
                byThreads.computeIfAbsent(n, k -> new ArrayList<>()).add(rate);
                out.printf(Locale.ROOT, "%-" + width + "s %7d %14.1f%n", labels.get(i), n, rate);
                out.flush();
            }
        }
        for (Map.Entry<Integer, List<Double>> e : byThreads.entrySet()) {
            double[] r = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            out.printf(Locale.ROOT, "median on %d thread%s: %.1f M iterations/s per thread (lowest %.1f)%n", e.getKey(),
                    e.getKey() == 1 ? "" : "s", Stats.median(r), java.util.Arrays.stream(r).min().orElse(0));
        }
        out.println();
        out.flush();
    }

    /** The line the launcher prints when it builds Bloom before running it (see {@code ./bloom}). */
    static final String BUILDING = "bloom: building";

    /**
     * Runs the launcher once before the race ({@code --version}), so that a build the sources ask
     * for, and the class-data archive made after it, happen before the first timed process.
     */
    private static void prime(PrintWriter out, List<String> bloom, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(bloom);
        cmd.add("--version");
        Path log = dir.resolve("bloom-prime.log");
        ProcessMeter.Measured m = ProcessMeter.run(cmd, Map.of(), dir, log);
        if (built(log)) {
            out.printf(Locale.ROOT, "(the launcher built Bloom before the race: %.0f s, not timed)%n%n", m.seconds());
            out.flush();
        }
    }

    /**
     * A timed Bloom process. A launcher that builds Bloom inside a timed run (a source file edited
     * while the bench runs) would put a Maven build into Bloom's time and change the Bloom being
     * raced: the bench stops there, naming the run, instead of printing that figure.
     */
    private static ProcessMeter.Measured timedBloom(List<String> cmd, Path dir, Path log)
            throws IOException, InterruptedException {
        ProcessMeter.Measured m = ProcessMeter.run(cmd, Map.of(), dir, log);
        if (built(log)) {
            throw BloomException.unavailable("bench: the launcher rebuilt Bloom inside a timed run (" + log.getFileName()
                    + ": '" + BUILDING + "'; a source file changed while the bench ran), so its time holds a build and "
                    + "the Bloom raced changed; run the bench again and leave the sources alone until it ends");
        }
        return m;
    }

    /**
     * A fresh flam3-render of {@code file} on {@code threads} threads, writing where {@code output}
     * says ({@code out}, or {@code prefix} and {@code format}), logging to STEM-flam3.log in {@code dir}.
     */
    private Callable<ProcessMeter.Measured> flam3Render(Path file, int threads, Map<String, String> output, Path dir,
                                                        String stem) {
        Map<String, String> env = new LinkedHashMap<>(output);
        env.put("in", file.toString());
        env.put("nthreads", Integer.toString(threads));
        env.put("isaac_seed", "bench");
        return () -> ProcessMeter.run(List.of(tool("flam3-render").toString()), env, dir, dir.resolve(stem + "-flam3.log"));
    }

    /**
     * The command line of Bloom's stills of {@code files} to {@code out} (a PNG, or for several files a
     * directory) on {@code threads} CPU threads, {@code more} added.
     */
    private static List<String> flameRender(List<String> bloom, List<Path> files, Path out, int threads, String... more) {
        List<String> cmd = new ArrayList<>(bloom);
        cmd.addAll(List.of("flame", "render"));
        files.forEach(f -> cmd.add(f.toString()));
        cmd.addAll(List.of(more));
        cmd.addAll(List.of("-o", out.toString(), "--threads", Integer.toString(threads), "--device", "cpu"));
        return cmd;
    }

    /** {@link #timedBloom}, adding the run's split of its seconds (see {@link Split}) to {@code splits}. */
    private static ProcessMeter.Measured splitBloom(List<String> cmd, Path dir, Path log, List<Split> splits)
            throws IOException, InterruptedException {
        ProcessMeter.Measured m = timedBloom(cmd, dir, log);
        double render = 0;
        int renders = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            Matcher rendered = RENDERED.matcher(line);
            if (line.startsWith("bloom: ") && rendered.find()) {
                render += Double.parseDouble(rendered.group(1));
                renders++;
            }
        }
        if (renders == 0) {
            throw BloomException.unavailable("bench: " + log + ": Bloom logged no render (no line with 'iterations in "
                    + "S s'), so its seconds cannot be split; see that log");
        }
        splits.add(new Split(render, m.seconds() - render));
        return m;
    }

    /** Whether the launcher said in {@code log} that it built Bloom. */
    private static boolean built(Path log) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.startsWith(BUILDING));
        }
    }

    /** Runs a then b on even repetitions, b then a on odd ones, so neither always runs on a cooler machine. */
    private static void interleave(int rep, Callable<ProcessMeter.Measured> a, Callable<ProcessMeter.Measured> b,
                                   List<ProcessMeter.Measured> as, List<ProcessMeter.Measured> bs)
            throws IOException, InterruptedException {
        try {
            if (rep % 2 == 0) {
                as.add(a.call());
                bs.add(b.call());
            } else {
                bs.add(b.call());
                as.add(a.call());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The median time and the median peak memory of repetitions. */
    private static ProcessMeter.Measured median(List<ProcessMeter.Measured> runs) {
        return new ProcessMeter.Measured(Stats.median(runs.stream().mapToDouble(ProcessMeter.Measured::seconds).toArray()),
                (long) Stats.median(runs.stream().mapToDouble(ProcessMeter.Measured::peakKb).toArray()));
    }

    private static <T> double med(List<T> rows, ToDoubleFunction<T> f) {
        return Stats.median(rows.stream().mapToDouble(f).toArray());
    }

    /** The genome text at this size and quality, supersample 1, with {@code temporal} temporal samples. */
    private static String sized(String text, Size size, double quality, int temporal) {
        return text.replaceFirst("size=\"[^\"]*\"", "size=\"" + size.width() + " " + size.height() + "\"")
                .replaceFirst("quality=\"[^\"]*\"", "quality=\"" + quality + "\"")
                .replaceFirst("supersample=\"[^\"]*\"", "supersample=\"1\"")
                .replaceFirst("temporal_samples=\"[^\"]*\"", "temporal_samples=\"" + temporal + "\"");
    }

    /** The flame element of flam3-genome's output, without its enclosing document. */
    private static String body(String text) {
        int from = text.indexOf("<flame "), to = text.lastIndexOf("</flame>");
        if (from < 0 || to < 0) {
            throw new IllegalStateException("flam3-genome wrote no <flame> element");
        }
        return text.substring(from, to + "</flame>".length());
    }

    /** The command that starts Bloom as a user would. */
    private List<String> bloomCommand() throws URISyntaxException {
        if (launcher != null) {
            if (!Files.isExecutable(launcher)) {
                throw BloomException.usage("--bloom " + launcher + ": not an executable file");
            }
            return List.of(launcher.toString());
        }
        String home = System.getProperty("bloom.home");
        if (home != null && Files.isExecutable(Path.of(home, "bloom"))) {
            return List.of(Path.of(home, "bloom").toString());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }

    private Path tool(String name) {
        Path p = flam3.resolve(name);
        if (!Files.isExecutable(p)) {
            throw BloomException.usage("--flam3 " + flam3 + ": no " + name + " there (Debian: apt-get install flam3-utils)");
        }
        return p;
    }

    private static Size size(String option, String text) {
        try {
            return Size.parse(text);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(option + " " + text + ": " + e.getMessage());
        }
    }

    private static double number(String option, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw BloomException.usage(option + " " + text + ": expected a positive number");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

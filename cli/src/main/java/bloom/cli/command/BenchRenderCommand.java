package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.film.Png;
import bloom.film.RenderJob;
import bloom.film.Size;
import bloom.film.Stats;
import bloom.flame.genome.Genome;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Race Bloom's CPU renderer against flam3-render (Debian's flam3-utils) on the same random genomes, "
                        + "in one run on this machine.",
                "",
                "The genomes come from flam3-genome with fixed seeds, so every run races the same ones. Each is "
                        + "rendered by both at every size and thread count asked for; both draw quality x width x height "
                        + "samples, tone-map and write a PNG. The table gives iterations per second per thread and the "
                        + "ratio Bloom/flam3, the SSIM of the two images (equal image quality), and the medians. The "
                        + "process's peak resident memory is printed at the end.",
                ""},
        footer = {"", "Examples:",
                "  bloom bench render                                         # the full race: slow",
                "  bloom bench render --genomes 12 --sizes 640x360@200 --threads 1,2"})
public final class BenchRenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--genomes", paramLabel = "N", defaultValue = "12", description = "Random genomes to race (default: ${DEFAULT-VALUE}).")
    int genomes;

    @Option(names = "--sizes", paramLabel = "WxH@Q,...", defaultValue = "640x360@200,1920x1080@1000", split = ",",
            description = "Sizes and qualities (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--threads", paramLabel = "N|all,...", defaultValue = "1,all", split = ",",
            description = "Thread counts; 'all' is every core (default: ${DEFAULT-VALUE}).")
    List<String> threads;

    @Option(names = "--flam3", paramLabel = "DIR", defaultValue = "/usr/bin",
            description = "Where flam3-render and flam3-genome are (default: ${DEFAULT-VALUE}).")
    Path flam3;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the genomes and images in DIR.")
    Path keep;

    private record Row(int genome, String size, int threads, long iterations, double flam3Seconds, double bloomSeconds,
                       double ssim) {
        double ratio() {
            return flam3Seconds / bloomSeconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path render = flam3.resolve("flam3-render");
        Path genome = flam3.resolve("flam3-genome");
        if (!Files.isExecutable(render) || !Files.isExecutable(genome)) {
            throw BloomException.usage("--flam3 " + flam3 + ": no flam3-render and flam3-genome there "
                    + "(Debian: apt-get install flam3-utils)");
        }
        if (genomes < 1) {
            throw BloomException.usage("--genomes " + genomes + ": expected at least 1");
        }
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("bloom-bench-render");
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        try {
            List<String> texts = new ArrayList<>();
            for (int i = 1; i <= genomes; i++) {
                texts.add(run(List.of(genome.toString()), Map.of("seed", Integer.toString(i), "isaac_seed", "bloom-bench-" + i), dir, true));
            }
            out.printf(Locale.ROOT, "%-7s %-10s %7s %12s %12s %10s %10s %7s %6s%n", "genome", "size", "threads",
                    "iterations", "flam3 it/s/t", "bloom it/s/t", "flam3 s", "bloom s", "ratio");
            for (String sq : sizes) {
                String[] parts = sq.split("@");
                if (parts.length != 2) {
                    throw BloomException.usage("--sizes " + sq + ": expected WxH@QUALITY such as 640x360@200");
                }
                Size size = Size.parse(parts[0]);
                double quality = Double.parseDouble(parts[1]);
                for (String t : threads) {
                    int n = t.equals("all") ? cores : Integer.parseInt(t);
                    for (int i = 0; i < genomes; i++) {
                        Row r = race(i, texts.get(i), size, quality, n, render, dir);
                        rows.add(r);
                        out.printf(Locale.ROOT, "%-7d %-10s %7d %12d %12.3g %12.3g %10.2f %10.2f %6.2f  SSIM %.3f%n",
                                r.genome() + 1, r.size(), r.threads(), r.iterations(),
                                r.iterations() / r.flam3Seconds() / n, r.iterations() / r.bloomSeconds() / n,
                                r.flam3Seconds(), r.bloomSeconds(), r.ratio(), r.ssim());
                        out.flush();
                    }
                }
            }
            out.println();
            Map<String, List<Row>> groups = new TreeMap<>();
            for (Row r : rows) {
                groups.computeIfAbsent(r.size() + " on " + r.threads() + " thread" + (r.threads() == 1 ? "" : "s"),
                        k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
                double[] ratios = g.getValue().stream().mapToDouble(Row::ratio).toArray();
                double[] ssims = g.getValue().stream().mapToDouble(Row::ssim).toArray();
                out.printf(Locale.ROOT, "median Bloom/flam3 speed ratio %-28s %.2f  (SSIM median %.3f, %d genomes)%n",
                        g.getKey() + ":", Stats.median(ratios), Stats.median(ssims), ratios.length);
            }
            out.printf(Locale.ROOT, "median over everything: %.2f%n", Stats.median(rows.stream().mapToDouble(Row::ratio).toArray()));
            out.printf(Locale.ROOT, "peak resident memory of this process: %s%n", peakRss());
        } finally {
            if (keep == null) {
                RenderJob.deleteTree(dir);
            }
        }
        err.flush();
        return ExitCodes.OK;
    }

    private Row race(int index, String text, Size size, double quality, int threads, Path render, Path dir)
            throws IOException, InterruptedException {
        String sized = text.replaceFirst("size=\"[^\"]*\"", "size=\"" + size.width() + " " + size.height() + "\"")
                .replaceFirst("quality=\"[^\"]*\"", "quality=\"" + quality + "\"")
                .replaceFirst("supersample=\"[^\"]*\"", "supersample=\"1\"");
        Path file = dir.resolve(String.format(Locale.ROOT, "g%02d-%s.flam3", index + 1, size));
        Files.writeString(file, sized, StandardCharsets.UTF_8);
        Path flamPng = dir.resolve(String.format(Locale.ROOT, "g%02d-%s-%dt-flam3.png", index + 1, size, threads));
        Path bloomPng = dir.resolve(String.format(Locale.ROOT, "g%02d-%s-%dt-bloom.png", index + 1, size, threads));
        long t0 = System.nanoTime();
        run(List.of(render.toString()), Map.of("in", file.toString(), "out", flamPng.toString(),
                "nthreads", Integer.toString(threads), "isaac_seed", "bench"), dir, false);
        double flamSeconds = (System.nanoTime() - t0) / 1e9;

        Genome g = FlameXml.read(file).get(0);
        RenderSpec rs = new RenderSpec(size.width(), size.height(), quality, 1, 1, threads);
        long t1 = System.nanoTime();
        Image img = new CpuRenderer().render(CompiledGenome.compile(g), rs, Renderer.Progress.NONE);
        Png.write(img, bloomPng);
        double bloomSeconds = (System.nanoTime() - t1) / 1e9;
        double ssim = Similarity.ssim(img, Png.read(flamPng), 2);
        return new Row(index, size.toString(), threads, rs.iterations(), flamSeconds, bloomSeconds, ssim);
    }

    /** Runs a flam3 tool with environment variables; returns its standard output when asked. */
    private static String run(List<String> command, Map<String, String> env, Path dir, boolean capture)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!capture) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        String text = capture ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed (exit " + p.exitValue() + ")");
        }
        return text;
    }

    /** VmHWM of /proc/self/status: the peak resident set size, or "unknown" off Linux. */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }
}

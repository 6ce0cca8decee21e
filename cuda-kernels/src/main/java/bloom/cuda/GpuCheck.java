package bloom.cuda;

import bloom.flame.genome.Genome;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.flame.render.Similarity;
import bloom.flame.xml.FlameXml;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The GPU checks, runnable where there is a GPU but no Maven ({@code gpu/package.sh} carries
 * them there with a runtime):
 * <ul>
 * <li>{@code parity DIR}: every {@code .flam3} genome of DIR rendered by the GPU and twice by the
 * CPU with different seeds; the GPU must agree with the CPU (SSIM of luminance after a 2x
 * downsample) within 0.03 of the CPU's agreement with itself, and in mean luminance within 10%;
 * </li>
 * <li>{@code bench DIR [WxH] [QUALITY]}: iterations per second of the chaos game on the GPU per
 * genome (default 1920x1080, quality 1000) for each kernel variant, with the median.</li>
 * </ul>
 * Exit code 0 when everything passed, 1 when a check failed, 3 when there is no GPU.
 */
public final class GpuCheck {

    private GpuCheck() {}

    /** One genome's parity scores. */
    public record Parity(String name, double gpuScore, double cpuFloor, double gpuLuminance, double cpuLuminance) {
        public boolean passes() {
            return gpuScore >= cpuFloor - 0.03 && Math.abs(gpuLuminance - cpuLuminance) <= 0.10 * cpuLuminance + 0.002;
        }
    }

    public static List<Path> genomes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".flam3")).sorted().toList();
        }
    }

    /** GPU against CPU for one genome at its own size and quality. */
    public static Parity parity(CudaRenderer gpu, Path file) {
        Genome g = FlameXml.read(file).get(0);
        CompiledGenome c = CompiledGenome.compile(g);
        int threads = Runtime.getRuntime().availableProcessors();
        RenderSpec a = new RenderSpec(g.camera().width(), g.camera().height(), g.sampling().quality(),
                g.sampling().oversample(), 3, threads);
        RenderSpec b = new RenderSpec(a.width(), a.height(), a.quality(), a.oversample(), 4, threads);
        Image cpuA = new CpuRenderer().render(c, a, Renderer.Progress.NONE);
        Image cpuB = new CpuRenderer().render(c, b, Renderer.Progress.NONE);
        Image onGpu = gpu.render(c, a, Renderer.Progress.NONE);
        return new Parity(file.getFileName().toString(), Similarity.ssim(onGpu, cpuA, 2), Similarity.ssim(cpuB, cpuA, 2),
                luminance(onGpu), luminance(cpuA));
    }

    static double luminance(Image img) {
        double s = 0;
        for (float v : img.luminance()) {
            s += v;
        }
        return s / (img.width() * (double) img.height());
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length < 2 || !(args[0].equals("parity") || args[0].equals("bench"))) {
            out.println("usage: GpuCheck parity DIR | bench DIR [WxH] [QUALITY]");
            return 2;
        }
        CudaDevice.Probe probe = CudaDevice.probe();
        if (!probe.available()) {
            out.println("no GPU: " + probe.reason());
            return 3;
        }
        out.println("device: " + probe.device().orElseThrow());
        List<Path> files = genomes(Path.of(args[1]));
        if (args[0].equals("parity")) {
            int failed = 0;
            try (CudaRenderer gpu = CudaRenderer.open()) {
                for (Path f : files) {
                    Parity p = parity(gpu, f);
                    out.printf(Locale.ROOT, "parity %-12s SSIM gpu-cpu %.4f, cpu-cpu %.4f; luminance gpu %.4f, cpu %.4f  %s%n",
                            p.name(), p.gpuScore(), p.cpuFloor(), p.gpuLuminance(), p.cpuLuminance(),
                            p.passes() ? "ok" : "FAILED");
                    failed += p.passes() ? 0 : 1;
                }
            }
            out.printf(Locale.ROOT, "parity: %d of %d genomes agree%n", files.size() - failed, files.size());
            return failed == 0 ? 0 : 1;
        }
        String[] wh = (args.length > 2 ? args[2] : "1920x1080").split("x");
        int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
        double quality = args.length > 3 ? Double.parseDouble(args[3]) : 1000;
        for (String kernel : List.of("flame", "flame-min2")) {
            for (int blocks : List.of(2, 4, 8)) {
                List<Double> rates = new ArrayList<>();
                try (CudaRenderer gpu = CudaRenderer.open(kernel, blocks)) {
                    // warm-up: the driver JIT-compiles the PTX on first use
                    gpu.render(CompiledGenome.compile(FlameXml.read(files.get(0)).get(0)),
                            new RenderSpec(64, 64, 10, 1, 1, 1), Renderer.Progress.NONE);
                    for (Path f : files) {
                        Genome g = FlameXml.read(f).get(0);
                        RenderSpec spec = new RenderSpec(w, h, quality, 1, 1, 1);
                        long t0 = System.nanoTime();
                        gpu.render(CompiledGenome.compile(g), spec, Renderer.Progress.NONE);
                        double total = (System.nanoTime() - t0) / 1e9;
                        double rate = spec.iterations() / gpu.lastChaosSeconds();
                        rates.add(rate);
                        out.printf(Locale.ROOT, "bench %-10s %d blocks/SM %-12s %dx%d q%.0f: %.3e iterations/s (chaos %.2f s, with tone mapping %.2f s)%n",
                                kernel, blocks, f.getFileName(), w, h, quality, rate, gpu.lastChaosSeconds(), total);
                    }
                }
                rates.sort(null);
                double median = rates.size() % 2 == 1 ? rates.get(rates.size() / 2)
                        : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
                out.printf(Locale.ROOT, "bench %-10s %d blocks/SM: median %.3e iterations/s over %d genomes%n",
                        kernel, blocks, median, rates.size());
            }
        }
        return 0;
    }
}

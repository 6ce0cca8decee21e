package bloom.cli.option;

import bloom.cli.BloomException;
import bloom.cli.console.Console;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Renderer;
import bloom.flame.render.RendererProvider;
import bloom.flame.render.Renderers;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Optional;

/** {@code --device auto|cpu|cuda}: which backend renders. */
public final class DeviceOption {

    public enum Device { auto, cpu, cuda }

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto", order = 60,
            description = "Where to render: cuda (an NVIDIA GPU through the driver; no CUDA toolkit needed), cpu, "
                    + "or auto: the GPU when there is one (default: ${DEFAULT-VALUE}).")
    public Device device = Device.auto;

    /**
     * Built when a command that renders is: the renderer registry is looked up meanwhile (see
     * {@link Renderers#findAhead}), while the options and the genome are read.
     */
    public DeviceOption() {
        Renderers.findAhead();
    }

    /**
     * The renderer asked for; says which when auto found a GPU. Close it when done. The GPU
     * backend is looked up in the renderer registry, so a build or class path without
     * cuda-kernels renders on the CPU (and says why when cuda was asked for).
     */
    public Renderer open(PrintWriter err) {
        if (device == Device.cpu) {
            return new CpuRenderer();
        }
        Optional<RendererProvider> cuda = Renderers.find("cuda");
        RendererProvider.Availability probe = cuda.map(RendererProvider::probe)
                .orElse(new RendererProvider.Availability(false, "this installation has no CUDA backend (bloom-cuda-kernels is not on the class path)"));
        if (!probe.available()) {
            if (device == Device.cuda) {
                throw BloomException.unavailable("--device cuda: " + probe.detail());
            }
            return new CpuRenderer();
        }
        try {
            Renderer r = cuda.orElseThrow().open();
            if (device == Device.auto) {
                Console.log(err, "rendering on the GPU: " + probe.detail() + " (--device cpu to use the CPU)");
            }
            return r;
        } catch (RuntimeException e) {
            if (device == Device.cuda) {
                throw BloomException.unavailable("--device cuda: " + e.getMessage());
            }
            Console.log(err, "the GPU could not be used (" + e.getMessage() + "); rendering on the CPU");
            return new CpuRenderer();
        }
    }

    /** Releases a GPU renderer's context; nothing for the CPU. */
    public static void close(Renderer r) {
        if (r instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the process ends soon; the driver frees what is left
            }
        }
    }
}

package bloom.cli;

import bloom.cuda.CudaDevice;
import bloom.cuda.CudaRenderer;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --device auto|cpu|cuda}: which backend renders. */
public final class DeviceOption {

    enum Device { auto, cpu, cuda }

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto", order = 60,
            description = "Where to render: cuda (an NVIDIA GPU through the driver; no CUDA toolkit needed), cpu, "
                    + "or auto: the GPU when there is one (default: ${DEFAULT-VALUE}).")
    Device device = Device.auto;

    /** The renderer asked for; says which when auto found a GPU. Close it when done. */
    Renderer open(PrintWriter err) {
        if (device == Device.cpu) {
            return new CpuRenderer();
        }
        CudaDevice.Probe probe = CudaDevice.probe();
        if (!probe.available()) {
            if (device == Device.cuda) {
                throw BloomException.unavailable("--device cuda: " + probe.reason());
            }
            return new CpuRenderer();
        }
        try {
            CudaRenderer r = CudaRenderer.open();
            if (device == Device.auto) {
                RunCommand.log(err, "rendering on the GPU: " + probe.device().orElseThrow()
                        + " (--device cpu to use the CPU)");
            }
            return r;
        } catch (RuntimeException e) {
            if (device == Device.cuda) {
                throw BloomException.unavailable("--device cuda: " + e.getMessage());
            }
            RunCommand.log(err, "the GPU could not be used (" + e.getMessage() + "); rendering on the CPU");
            return new CpuRenderer();
        }
    }

    /** Releases a GPU renderer's context; nothing for the CPU. */
    static void close(Renderer r) {
        if (r instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the process ends soon; the driver frees what is left
            }
        }
    }
}

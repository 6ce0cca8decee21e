package bloom.cuda;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA backend where there is a GPU; without one, the probe explains in one line and opening
 * the renderer fails with that line, never with a linkage error.
 */
class CudaRendererTest {

    static final Path CONFORMANCE = Path.of("..", "flame", "src", "test", "resources", "conformance");

    @Test
    void withoutAGpuTheProbeExplainsInOneLine() {
        CudaDevice.Probe p = CudaDevice.probe();
        assumeTrue(!p.available(), () -> "a GPU is present: " + p.device().orElseThrow());
        assertFalse(p.reason().isBlank());
        assertFalse(p.reason().contains("\n"), p.reason());
        IllegalStateException e = assertThrows(IllegalStateException.class, CudaRenderer::open);
        assertTrue(e.getMessage().equals(p.reason()), e.getMessage());
    }

    @Test
    void gpuAgreesWithTheCpuAsTheCpuAgreesWithItself() throws Exception {
        CudaDevice.Probe p = CudaDevice.probe();
        assumeTrue(p.available(), "no GPU: " + p.reason());
        List<Path> files = GpuCheck.genomes(CONFORMANCE);
        assertFalse(files.isEmpty());
        try (CudaRenderer gpu = CudaRenderer.open()) {
            for (Path f : files) {
                GpuCheck.Parity r = GpuCheck.parity(gpu, f);
                System.out.printf("parity %s: gpu-cpu %.4f, cpu-cpu %.4f%n", r.name(), r.gpuScore(), r.cpuFloor());
                assertTrue(r.passes(), r.toString());
            }
        }
    }
}

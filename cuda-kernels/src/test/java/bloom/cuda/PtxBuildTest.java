package bloom.cuda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the build had nvcc, the jar carries both kernel variants with their entry points. */
class PtxBuildTest {

    static boolean nvccOnPath() {
        try {
            Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void kernelsAreInTheJarWhenNvccBuiltThem() {
        assumeTrue(nvccOnPath(), "nvcc is not on the PATH: this build has no CUDA kernel to check");
        for (String k : new String[] {"flame", "flame-min2"}) {
            Optional<String> ptx = CudaDevice.kernelText("/bloom/cuda/" + k + ".ptx");
            assertTrue(ptx.isPresent(), k + ".ptx missing");
            assertTrue(ptx.get().contains(".entry iterate("), k + ": no iterate kernel");
            assertTrue(ptx.get().contains(".entry seedPoints("), k + ": no seedPoints kernel");
        }
    }
}

package bloom.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's look at the file system before JCuda. */
class CudaDeviceTest {

    @Test
    void linuxWithoutTheDriversFilesHasNoDriver(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("proc/driver"));
        assertFalse(CudaDevice.driverMayBePresent("Linux", root));
    }

    @Test
    void anyOfTheDriversFilesMayMeanADriver(@TempDir Path root) throws IOException {
        for (String file : new String[] {"dev/nvidiactl", "proc/driver/nvidia", "dev/dxg"}) {
            Path r = Files.createDirectories(root.resolve(file.replace('/', '_')));
            Files.createDirectories(r.resolve(file).getParent());
            Files.createFile(r.resolve(file));
            assertTrue(CudaDevice.driverMayBePresent("Linux", r), file);
        }
    }

    @Test
    void otherSystemsAskJCuda(@TempDir Path root) {
        assertTrue(CudaDevice.driverMayBePresent("Windows 11", root));
        assertTrue(CudaDevice.driverMayBePresent("Mac OS X", root));
    }

    @Test
    void thisMachinesAnswerAgreesWithTheProbe() {
        boolean files = CudaDevice.driverMayBePresent(System.getProperty("os.name"), Path.of("/"));
        CudaDevice.Probe p = CudaDevice.probe();
        if (!files) {
            assertFalse(p.available());
        }
        if (!files && CudaDevice.class.getResource(CudaDevice.KERNEL) != null) { // else: no kernel, said first
            assertEquals("no NVIDIA driver (no /dev/nvidiactl, /proc/driver/nvidia or /dev/dxg)", p.reason());
        }
        if (p.available()) {
            assertTrue(files, "a device was found, so the driver's files are there");
        }
    }
}

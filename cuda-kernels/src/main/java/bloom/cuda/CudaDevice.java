package bloom.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this machine can run the CUDA backend, found once: the kernel in the jar, JCuda's
 * native library, the driver's {@code libcuda.so.1}, a device. Never throws: what is missing
 * becomes a one-line reason. Without a driver JCuda's first call throws
 * {@link UnsatisfiedLinkError} and later ones {@link NoClassDefFoundError}, so the probe
 * catches {@link Throwable} and runs once.
 */
public final class CudaDevice {

    /** The kernel resource a build with nvcc puts into the jar. */
    static final String KERNEL = "/bloom/cuda/flame.ptx";

    private final String name;
    private final int ordinal;
    private final int multiprocessors;
    private final int major;
    private final int minor;
    private final long memory;

    private CudaDevice(String name, int ordinal, int multiprocessors, int major, int minor, long memory) {
        this.name = name;
        this.ordinal = ordinal;
        this.multiprocessors = multiprocessors;
        this.major = major;
        this.minor = minor;
        this.memory = memory;
    }

    /** A device, or why there is none. */
    public record Probe(Optional<CudaDevice> device, String reason) {
        public boolean available() {
            return device.isPresent();
        }
    }

    private static Probe cached;

    /** Looks for device 0 (once per process). */
    public static synchronized Probe probe() {
        if (cached == null) {
            cached = look();
        }
        return cached;
    }

    private static Probe look() {
        if (CudaDevice.class.getResource(KERNEL) == null) {
            return none("this build of Bloom has no CUDA kernel (nvcc was not on the PATH when it was built)");
        }
        if (!driverMayBePresent(System.getProperty("os.name", ""), Path.of("/"))) {
            return none("no NVIDIA driver (no /dev/nvidiactl, /proc/driver/nvidia or /dev/dxg)");
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (count[0] < 1) {
                return none("the CUDA driver reports no device");
            }
            CUdevice dev = new CUdevice();
            JCudaDriver.cuDeviceGet(dev, 0);
            byte[] raw = new byte[256];
            JCudaDriver.cuDeviceGetName(raw, raw.length, dev);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            long[] mem = new long[1];
            JCudaDriver.cuDeviceTotalMem(mem, dev);
            return new Probe(Optional.of(new CudaDevice(new String(raw, 0, end, StandardCharsets.UTF_8), 0,
                    attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                    attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    mem[0])), "");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return none("no NVIDIA driver (libcuda.so.1) could be loaded");
        } catch (Throwable e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("CUDA_ERROR_NO_DEVICE")) {
                return none("the NVIDIA driver finds no CUDA device");
            }
            if (m.contains("CUDA_ERROR_INSUFFICIENT_DRIVER") || m.contains("COMPAT")) {
                return none("the NVIDIA driver is too old for this CUDA kernel (" + m + ")");
            }
            return none("CUDA could not start: " + m);
        }
    }

    /**
     * Whether an NVIDIA driver may be installed, asked of the file system before JCuda is touched:
     * on Linux the driver's kernel module shows itself as {@code /proc/driver/nvidia} and its
     * device as {@code /dev/nvidiactl} (WSL's as {@code /dev/dxg}). Without any of them CUDA
     * cannot start, and the probe ends there instead of unpacking and loading JCuda's native
     * library to be told so: every command that renders asks (the default device is
     * {@code auto}), and on a machine without a GPU that took about 0.1 s of each process.
     * Elsewhere than Linux, JCuda is asked.
     */
    static boolean driverMayBePresent(String osName, Path root) {
        if (!osName.startsWith("Linux")) {
            return true;
        }
        return Files.exists(root.resolve("dev/nvidiactl")) || Files.exists(root.resolve("proc/driver/nvidia"))
                || Files.exists(root.resolve("dev/dxg"));
    }

    private static Probe none(String reason) {
        return new Probe(Optional.empty(), reason);
    }

    private static int attribute(CUdevice dev, int which) {
        int[] v = new int[1];
        JCudaDriver.cuDeviceGetAttribute(v, which, dev);
        return v[0];
    }

    /** A kernel's PTX text from the jar, if this build has it. */
    static Optional<String> kernelText(String resource) {
        try (InputStream in = CudaDevice.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    int ordinal() {
        return ordinal;
    }

    public int multiprocessors() {
        return multiprocessors;
    }

    public long memory() {
        return memory;
    }

    @Override
    public String toString() {
        return name + " (compute " + major + "." + minor + ", " + multiprocessors + " multiprocessors, "
                + memory / (1 << 20) + " MiB)";
    }
}

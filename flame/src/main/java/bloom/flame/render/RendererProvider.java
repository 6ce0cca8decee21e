package bloom.flame.render;

/**
 * A rendering backend found at run time (through {@link java.util.ServiceLoader}): a module
 * such as cuda-kernels registers one in {@code META-INF/services/bloom.flame.render.RendererProvider},
 * and a machine without it (a render worker with no GPU build) simply has none. The CPU renderer
 * is always there and needs no provider.
 */
public interface RendererProvider {

    /** The name a user asks for it by: "cuda". */
    String name();

    /** Whether it can render on this machine, and if not, why. Cheap after the first call. */
    Availability probe();

    /** A renderer ready to use; close it (if it is {@link AutoCloseable}) when done. */
    Renderer open();

    /**
     * Whether a backend can render here.
     *
     * @param available whether it can
     * @param detail    the device when available ("NVIDIA H100, 132 SMs"), else the reason
     */
    record Availability(boolean available, String detail) {}
}

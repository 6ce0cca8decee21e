package bloom.flame.render;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registry of rendering backends: the CPU, and whatever {@link RendererProvider}s the class path holds. */
public final class Renderers {

    private Renderers() {}

    /** Every provider on the class path, in the order the service loader finds them. */
    public static List<RendererProvider> providers() {
        return ServiceLoader.load(RendererProvider.class, Renderers.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** The provider called {@code name}, if this class path has it. */
    public static Optional<RendererProvider> find(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

package bloom.flame.render;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The registry of rendering backends: the CPU, and whatever {@link RendererProvider}s the class path holds. */
public final class Renderers {

    /** The providers being found by {@link #findAhead}, if it was called. */
    private static FutureTask<List<RendererProvider>> ahead;

    private Renderers() {}

    /**
     * Starts finding the providers on a daemon thread, for a {@link #providers} or {@link #find}
     * soon after, which then waits for it instead of finding them itself. The service loader
     * opens every jar of the class path to look for its entry: Bloom's 62 jars (33,000 entries)
     * take about 50 ms to open, which a command can spend reading its options and its genome
     * meanwhile. Those calls then return the providers found here (the same objects every time).
     */
    public static synchronized void findAhead() {
        if (ahead == null) {
            ahead = new FutureTask<>(Renderers::load);
            Thread t = new Thread(ahead, "bloom-renderers");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Every provider on the class path, in the order the service loader finds them. */
    public static List<RendererProvider> providers() {
        FutureTask<List<RendererProvider>> f;
        synchronized (Renderers.class) {
            f = ahead;
        }
        if (f == null) {
            return load();
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return load();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a broken provider: as if looked up here
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The provider called {@code name}, if this class path has it. */
    public static Optional<RendererProvider> find(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<RendererProvider> load() {
        return ServiceLoader.load(RendererProvider.class, Renderers.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}

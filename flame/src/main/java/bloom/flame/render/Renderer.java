package bloom.flame.render;

/**
 * A rendering backend: the CPU chaos game or a GPU kernel. Implementations are stateless between
 * calls or document otherwise; {@code render} may be called from one thread at a time.
 */
public interface Renderer {

    /** Renders the genome; {@code progress} receives fractions in [0, 1] from any thread. */
    Image render(CompiledGenome genome, RenderSpec spec, Progress progress);

    /** A short name for messages: "cpu (8 threads)", "cuda (NVIDIA H100)". */
    String describe();

    /** Receives the fraction of the render done. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = fraction -> { };

        void update(double fraction);
    }
}

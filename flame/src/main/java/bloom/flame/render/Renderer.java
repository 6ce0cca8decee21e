package bloom.flame.render;

/**
 * A rendering backend: the CPU chaos game or a GPU kernel. Implementations are stateless between
 * calls or document otherwise; {@code render} may be called from one thread at a time.
 */
public interface Renderer {

    /** Renders the genome; {@code progress} receives fractions in [0, 1] from any thread. */
    Image render(CompiledGenome genome, RenderSpec spec, Progress progress);

    /**
     * Renders one frame from several genomes at instants within the frame's exposure (temporal
     * samples): each gets an equal share of the samples, all land in one histogram, so motion
     * blurs. Camera, sampling and tone come from the first.
     */
    Image renderBlurred(java.util.List<CompiledGenome> instants, RenderSpec spec, Progress progress);

    /** A short name for messages: "cpu (8 threads)", "cuda (NVIDIA H100)". */
    String describe();

    /** Receives the fraction of the render done. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = fraction -> { };

        void update(double fraction);
    }
}

package bloom.flame.render;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Compiles a JVM's way from histogram to image on a core the render leaves idle, while its first
 * large render is still running. A still's process maps its histogram to an image once, so
 * density estimation, the spatial filter and the tone curves ran their loops in the interpreter
 * and the JIT's first tiers: 90 to 145 ms of a 640x360 still on one thread (bench genomes 3, 6,
 * 9 and 11), where compiled code takes 20 to 60. Once the render is halfway (the JIT has long
 * compiled the chaos game by then), a daemon thread runs the same code on a small made-up
 * histogram, {@link #TIMES} times or until the real image is wanted: the JIT compiles it there.
 * Measured on the same four genomes, one thread: the way to the image 23 to 83 ms. Started at the
 * first round instead, the rehearsals' compilations delayed the chaos game's own (genome 6 slower).
 * The images do not change: Java's arithmetic is the same in every tier, and the rehearsal writes
 * only its own arrays.
 */
final class ToneWarmUp {

    /** Renders below this many iterations per temporal sample do not rehearse (as the chaos game's warm-up). */
    static final long ABOVE = 2_000_000L;
    /** Rehearsals at most: enough for the JIT's last tier to compile every loop of the way. */
    static final int TIMES = 700;
    /** Off with {@code -Dbloom.warmup=false}, with the chaos game's warm-up. */
    private static final boolean ON = !"false".equals(System.getProperty("bloom.warmup"));
    /** Whether this JVM has begun one. */
    private static final AtomicBoolean BEGUN = new AtomicBoolean();

    private final CompiledGenome genome;
    private final RenderSpec spec;
    private final double pixelsPerUnit;
    private final SpatialFilter filter;
    private volatile boolean stop;

    private ToneWarmUp(CompiledGenome genome, RenderSpec spec, double pixelsPerUnit, SpatialFilter filter) {
        this.genome = genome;
        this.spec = spec;
        this.pixelsPerUnit = pixelsPerUnit;
        this.filter = filter;
    }

    /**
     * The warm-up for a render of {@code iterationsPerSample} iterations per temporal sample, or
     * null where none is due: the JVM has had one, the render is small, or its threads take every
     * core (the rehearsals would take time from them: 640x360 stills on both cores of two, genomes
     * 2 and 6 of the bench, 0.06 to 0.27 s slower).
     */
    static ToneWarmUp forRender(CompiledGenome genome, RenderSpec spec, long iterationsPerSample, double pixelsPerUnit,
                                SpatialFilter filter) {
        if (!ON || !due(iterationsPerSample, spec.threads(), Runtime.getRuntime().availableProcessors()) || BEGUN.get()) {
            return null;
        }
        return new ToneWarmUp(genome, spec, pixelsPerUnit, filter);
    }

    /** Whether a render of so many iterations per sample on {@code threads} threads, with {@code cores} cores, rehearses. */
    static boolean due(long iterationsPerSample, int threads, int cores) {
        return iterationsPerSample >= ABOVE && threads < cores;
    }

    /** Starts the rehearsals on a daemon thread, the first time it is called in this JVM. */
    void start() {
        if (!BEGUN.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                ToneMapper.rehearse(genome, spec, pixelsPerUnit, filter, TIMES, () -> stop);
            } catch (RuntimeException e) {
                // the same code on the real histogram reports whatever this was
            }
        }, "bloom-tone-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Ends the rehearsals: the real image is wanted. */
    void stop() {
        stop = true;
    }
}

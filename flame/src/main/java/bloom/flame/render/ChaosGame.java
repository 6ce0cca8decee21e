package bloom.flame.render;

import bloom.flame.genome.Camera;
import bloom.flame.genome.Genome;

import java.util.List;

/**
 * The part of rendering every backend shares: the histogram's size and gutter from the spatial
 * filter, one histogram share per temporal sample (each with its own seed), and the way from
 * histogram to image (density estimation, filter, tone mapping). A backend supplies only the
 * chaos game: {@link #accumulate}.
 */
public abstract class ChaosGame implements Renderer {

    /**
     * Runs {@code spec.iterations()} iterations of the chaos game for {@code g} and returns the
     * histogram cells: {@code projection.hw() * projection.hh()} cells of four floats (red, green,
     * blue, each weighted by opacity, and the opacity-weighted hit count), row by row.
     */
    protected abstract float[] accumulate(CompiledGenome g, RenderSpec spec, Projection projection,
                                          Renderer.Progress progress);

    @Override
    public final Image render(CompiledGenome g, RenderSpec spec, Renderer.Progress progress) {
        return renderBlurred(List.of(g), spec, progress);
    }

    /**
     * The random streams of a render on {@code threads} threads whose histogram takes
     * {@code histogramBytes}: one for one thread, and one more than the threads for two or more.
     * Each stream fills its own histogram and runs in slices that any thread may take (see
     * {@code CpuRenderer.Streams}): with a stream more than threads, a thread that runs faster (a
     * core the machine's other work leaves free, or a faster one) takes over a share of the work
     * of one that runs slower, instead of waiting for it at the end. A histogram larger than
     * {@link #EXTRA_STREAM_MAX_BYTES} gets no extra stream: the extra histogram costs its memory
     * (a 3840x2160 render at supersample 2: 531 MB) and, hopping between the cores with its
     * stream, more time than the levelling wins.
     */
    static int streams(int threads, long histogramBytes) {
        if (threads == 1) {
            return 1;
        }
        return histogramBytes > EXTRA_STREAM_MAX_BYTES ? threads : threads + 1;
    }

    /**
     * The largest histogram that gets an extra stream, in bytes. Whole-process renders on two
     * threads, each way alternately: at 640x360 (histograms of 3.7 MB) the extra stream wins
     * (12 stills at quality 200, sums of medians: 25.4 s against 26.2 s without it); at 1280x720
     * (15 MB) they tie; at 1920x1080 (33 MB) and beyond it loses (genome 6 at quality 200: 6.35
     * to 6.50 s against 5.74 to 6.02 s; kindling at 3840x2160, supersample 2, quality 5: 14.2 and
     * 14.4 s, 1.69 GB against 12.0 and 13.2 s, 1.30 GB).
     */
    static final long EXTRA_STREAM_MAX_BYTES = 8L << 20;

    /**
     * The heap a render of {@code genome} at {@code spec} needs at its peak, in bytes: the
     * histogram of every random stream ({@link #streams}: each fills its own, of four floats per
     * cell, gutter included), their sum, the density-estimated copy, and the output image.
     */
    public static long bytesNeeded(Genome genome, RenderSpec spec) {
        SpatialFilter filter = new SpatialFilter(genome.sampling().filterShape(), genome.sampling().filterRadius(),
                spec.oversample());
        int gutter = filter.gutter(spec.oversample());
        long hw = (long) spec.width() * spec.oversample() + 2L * gutter;
        long hh = (long) spec.height() * spec.oversample() + 2L * gutter;
        long histogram = hw * hh * 16;
        long image = (long) spec.width() * spec.height() * 16;
        return (streams(spec.threads(), histogram) + 3L) * histogram + 3 * image;
    }

    /**
     * Refuses a render the heap cannot hold now ({@link RenderTooLargeException}): compares
     * {@link #bytesNeeded} with the heap not in use. For a job to call before it starts; every
     * render checks itself only against the whole heap, since garbage not yet collected counts
     * as in use.
     */
    public static void checkMemory(Genome genome, RenderSpec spec) {
        Runtime rt = Runtime.getRuntime();
        check(genome, spec, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
    }

    private static void check(Genome genome, RenderSpec spec, long available) {
        long needed = bytesNeeded(genome, spec);
        if (needed > available) {
            throw new RenderTooLargeException(spec, needed, available, Runtime.getRuntime().maxMemory());
        }
    }

    @Override
    public final Image renderBlurred(List<CompiledGenome> instants, RenderSpec spec, Renderer.Progress progress) {
        if (instants.isEmpty()) {
            throw new IllegalArgumentException("Nothing to render: no genome");
        }
        CompiledGenome first = instants.get(0);
        check(first.genome(), spec, Runtime.getRuntime().maxMemory()); // never fits: refused before allocating
        Camera camera = first.genome().camera().resized(spec.width(), spec.height());
        SpatialFilter filter = new SpatialFilter(first.genome().sampling().filterShape(),
                first.genome().sampling().filterRadius(), spec.oversample());
        int gutter = filter.gutter(spec.oversample());
        int hw = spec.width() * spec.oversample() + 2 * gutter;
        int hh = spec.height() * spec.oversample() + 2 * gutter;
        if ((long) hw * hh * 4 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Histogram of " + hw + "x" + hh + " cells is too large");
        }
        int n = instants.size();
        ToneWarmUp toneWarmUp = ToneWarmUp.forRender(first, spec, spec.iterations() / n, camera.pixelsPerUnit(), filter);
        Histogram total = null;
        for (int k = 0; k < n; k++) {
            CompiledGenome g = instants.get(k);
            RenderSpec share = new RenderSpec(spec.width(), spec.height(), spec.quality() / n, spec.oversample(),
                    mix(spec.seed(), 1000 + k), spec.threads());
            Camera cam = g.genome().camera().resized(spec.width(), spec.height());
            int done = k;
            float[] cells = accumulate(g, n == 1 ? spec : share, Projection.of(cam, spec.oversample(), hw, hh), f -> {
                if (toneWarmUp != null && (done + f) / n >= 0.5) {
                    toneWarmUp.start(); // halfway: the JIT has long compiled the chaos game
                }
                progress.update((done + f) / n);
            });
            Histogram h = new Histogram(hw, hh, gutter, cells);
            if (total == null) {
                total = h;
            } else {
                total.add(h);
            }
        }
        if (toneWarmUp != null) {
            toneWarmUp.stop();
        }
        progress.update(1.0);
        return ToneMapper.toImage(total, first, spec, camera.pixelsPerUnit(), filter, toneThreads(spec));
    }

    /**
     * Threads for density estimation, filtering and tone mapping: the spec's. The image does not
     * depend on the number.
     */
    protected int toneThreads(RenderSpec spec) {
        return spec.threads();
    }

    /** A seed for stream {@code index} of a render seeded with {@code seed} (SplitMix64 finaliser). */
    public static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

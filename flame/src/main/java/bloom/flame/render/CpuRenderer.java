package bloom.flame.render;

import bloom.flame.variation.BatchFormula;
import bloom.flame.variation.BatchFormulas;
import bloom.flame.variation.IterationState;
import bloom.flame.variation.Lanes;
import bloom.flame.variation.Variation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos game on the CPU. The iterations are split evenly over random streams, one for one
 * thread and one more than the threads for more unless the histogram is large
 * ({@link ChaosGame#streams}); each stream (split from the render seed by its index) runs into
 * its own histogram, in slices that whichever
 * thread is free takes ({@link Streams}), and the histograms are summed in stream order, so an
 * image depends only on the genome, the spec (its size included), the seed and the thread count.
 *
 * <pre>
 * for each sub-batch of iterations:
 *     p = random point in [-1,1]^2, colour c random in [0,1]
 *     repeat fuse times: p, c = F_i(p, c) with i drawn by weight (not plotted)
 *     repeat: i = draw xform (given the previous one, with xaos)
 *             p, c = F_i(p, c)        pre-affine, sum of variations, post-affine, colour blend
 *             if p is not finite or beyond 1e10: restart p at random and retry (kept after 5 failures)
 *             q = final(p, c) if the genome has a final xform
 *             project q through the 3-D camera, if the genome has one
 *             plot q with colour palette(c) and the xform's opacity into the histogram
 * </pre>
 */
public final class CpuRenderer extends ChaosGame {

    /** Iterations between restarts from a fresh random point, as flam3. */
    static final int SUB_BATCH = 10_240;
    /** Points farther than this from the origin count as diverged. */
    private static final double BAD_VALUE = 1e10;
    /** Trajectories a worker steps together. */
    static final int POOL = 256;
    /** Fewer trajectories than this many iterations each are not worth their fuse. */
    private static final int MIN_TRAJECTORY = 1024;
    /** Plots buffered before they are added to the histogram, sorted by tile. */
    static final int PLOT_BUFFER = 1 << 15;
    /** A tile: 2^12 cells of 16 bytes, 64 KB. */
    private static final int TILE_SHIFT = 12;
    /**
     * Histograms up to this many cells (32 MB) are plotted into in the order the plots come: on
     * this project's machine sorting slowed 960x600 renders by up to 20% (flames gather their
     * points, and the caches held the rest); at 1920x1080 it won 10% on a spread-out 3-D flame
     * (kindling) and lost up to 8% on compact ones, at 3840x2160 won 18% and lost up to 8%.
     */
    private static final int SORT_ABOVE_CELLS = 1 << 21;

    /** Whether a render through {@code p} plots in tile order (see {@link #SORT_ABOVE_CELLS}). */
    static boolean sortsPlots(Projection p) {
        return p.hw() * p.hh() > SORT_ABOVE_CELLS;
    }

    /** 4,096 directions evenly round the unit circle, as (cos, sin) pairs. */
    private static final double[] CIRCLE = new double[2 * 4096];

    static {
        for (int i = 0; i < 4096; i++) {
            double a = 2 * Math.PI * (i + 0.5) / 4096;
            CIRCLE[2 * i] = Math.cos(a);
            CIRCLE[2 * i + 1] = Math.sin(a);
        }
    }

    private volatile int parallelism = Integer.MAX_VALUE;
    /** Whether a stream in this JVM has finished a round (the JIT has seen the chaos game run). */
    private static volatile boolean warm;

    @Override
    public String describe() {
        return "cpu";
    }

    /**
     * Runs the random streams of a render (see {@link #streams}) on at most {@code threads} threads
     * at once. The image does not change: it depends on the number of streams, not on how many
     * run at the same time. Lets a renderer share the machine with
     * training and take every core once training is done.
     */
    public void limitParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid parallelism: " + threads);
        }
        this.parallelism = threads;
    }

    @Override
    protected int toneThreads(RenderSpec spec) {
        return Math.min(spec.threads(), parallelism);
    }

    /** Runs the chaos game on {@code spec.threads()} threads and returns the summed histogram cells. */
    @Override
    protected float[] accumulate(CompiledGenome g, RenderSpec spec, Projection projection, Renderer.Progress progress) {
        int threads = spec.threads();
        int streams = streams(threads, (long) projection.hw() * projection.hh() * 16);
        long iterations = spec.iterations();
        boolean unseen = false; // variations this JVM has not rendered with: the JIT has not compiled them
        if (WARM_UP && iterations >= WARM_UP_ABOVE) {
            for (Variation v : g.termVariation()) {
                unseen |= SEEN.add(v);
            }
            if (!warmedUp || unseen) {
                warmedUp = true;
                WARM_UPS.incrementAndGet();
                warmUp(g, projection, WARM_UP_STEPS);
            }
        }
        AtomicLong done = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < streams; t++) {
            long share = iterations / streams + (t < iterations % streams ? 1 : 0);
            workers.add(new Worker(g, projection, share, mix(spec.seed(), t), done, iterations, progress));
        }
        int poolSize = Math.min(threads, parallelism);
        if (poolSize == 1) {
            for (Worker w : workers) {
                w.run();
            }
        } else {
            Streams queue = new Streams(workers);
            ExecutorService pool = Executors.newFixedThreadPool(poolSize, r -> {
                Thread th = new Thread(r, "bloom-chaos");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                Worker first = queue.next(null);
                boolean cold = !warm || unseen;
                futures.add(pool.submit(() -> queue.run(first, cold)));
                if (cold) {
                    // This JVM's first render, or one with variations it has not run (see
                    // WARM_UP): until the JIT has compiled the chaos game, it runs
                    // many times slower, and every other stream started now would run slow too
                    // while taking the compiler's core. The other threads wait for the first
                    // stream's first round (0.3-0.5 s on 2 cores; whole-process 640x360 stills on
                    // 2 threads ended 0.17-0.34 s sooner, 8-11%). Each stream's share and seed are
                    // fixed: the image is the same.
                    first.firstRound.await(2, java.util.concurrent.TimeUnit.SECONDS);
                }
                for (int t = 1; t < poolSize; t++) {
                    futures.add(pool.submit(() -> queue.run(null, false)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Render interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        float[] total = workers.get(0).cells;
        if (streams > 1) {
            // the streams' histograms summed in stream order, a slice of the cells per thread
            Parallel.rows(poolSize, total.length, 1 << 16, (from, to) -> {
                for (int t = 1; t < streams; t++) {
                    float[] b = workers.get(t).cells;
                    for (int i = from; i < to; i++) {
                        total[i] += b[i];
                    }
                }
            });
        }
        progress.update(1.0);
        return total;
    }

    /**
     * A JVM's first render steps its genome a moment on a throwaway histogram before it begins, so
     * that the JIT compiles the chaos game sooner and with every branch seen; so does a later render
     * whose genome has variations no render of this JVM has run, whose code the JIT has yet to
     * compile (and, on two or more threads, it starts its other threads after its first stream's
     * first round, as a first render does). A file of 12 genomes rendered by one process
     * ({@code bloom flame render --all}, 640x360 quality 200), each way alternately: 14.53 to 15.19 s
     * -> 11.99 to 12.05 s on two threads (four runs each), 18.65 to 19.58 s -> 17.71 to 18.49 s on
     * one (three each). A film's frames and a training's share their variations: they warm up
     * once. The JIT compiles a method once it has run many times: the warm-up steps
     * {@link #WARM_UP_TRAJECTORIES} trajectories at a time (a render steps {@link #POOL}), so it
     * gets there in a fraction of the time, and now and then it makes a point diverge, so that the
     * compiled code keeps the divergence branch instead of dropping it and being thrown away at the
     * render's first diverged point (a 640x360 still of the bench's genome 3 compiled {@code step} seven times,
     * now twice). Its random stream and histogram are its own: the image does not change. It
     * takes 0.15-0.4 s; whole-process 640x360 stills of the bench's 12 genomes took 30.0 -> 29.2 s
     * on one thread and 25.0 -> 23.7 s on two (sums of medians of three). Off with
     * {@code -Dbloom.warmup=false}.
     */
    private static final boolean WARM_UP = !"false".equals(System.getProperty("bloom.warmup"));
    /** Steps of the warm-up, at most. */
    private static final int WARM_UP_STEPS = 6_000;
    /** ... and its time at most, for genomes of slow variations. */
    private static final long WARM_UP_NANOS = 400_000_000L;
    private static final int WARM_UP_TRAJECTORIES = 16;
    /** The warm-up's histogram: the render's view, with cells this many times larger each way. */
    private static final int WARM_UP_SHRINK = 8;
    /**
     * Renders of fewer iterations do not warm up: the warm-up would cost them more than it saves
     * (a 64x36 thumbnail at quality 5, 11,520 iterations, rendered in 0.41 s with it and 0.28 to
     * 0.30 s without). Counted per temporal sample: a 640x360 still at quality 200 is 46 M
     * iterations, a film frame at quality 50 11.5 M, or 2.9 M per sample with motion blur x4.
     */
    private static final long WARM_UP_ABOVE = 2_000_000L;
    /** Whether a render in this JVM has warmed up. */
    private static volatile boolean warmedUp;
    /** The variations of this JVM's renders that warmed up or might have (see {@link #WARM_UP}). */
    private static final Set<Variation> SEEN = ConcurrentHashMap.newKeySet();
    /** How many renders of this JVM have warmed up. */
    private static final AtomicInteger WARM_UPS = new AtomicInteger();

    /** How many renders of this JVM have warmed up (see {@link #WARM_UP}). */
    static int warmUps() {
        return WARM_UPS.get();
    }

    /** Whether a render of this JVM that warmed up, or might have, had variation {@code v}. */
    static boolean seen(Variation v) {
        return SEEN.contains(v);
    }

    /**
     * What a warm-up left: its histogram, and whether its trajectories' points were all finite at
     * the end (every diverged point restarted).
     */
    record WarmUp(float[] cells, boolean finite) {
    }

    /**
     * Runs the warm-up (see {@link #WARM_UP}) for genome {@code g} seen through {@code p}, {@code steps}
     * steps at most.
     */
    static WarmUp warmUp(CompiledGenome g, Projection p, int steps) {
        // the render's way of plotting (sorted or not) whatever the small histogram's size
        Worker w = new Worker(g, p.coarser(WARM_UP_SHRINK), (long) steps * WARM_UP_TRAJECTORIES, 0x5EEDL, new AtomicLong(), 1,
                f -> { }, sortsPlots(p));
        w.warmUp(WARM_UP_TRAJECTORIES, steps, System.nanoTime() + WARM_UP_NANOS);
        boolean finite = true;
        for (int i = 0; i < WARM_UP_TRAJECTORIES; i++) {
            finite &= Double.isFinite(w.px[i]) && Double.isFinite(w.py[i]) && Double.isFinite(w.pz[i]);
        }
        return new WarmUp(w.cells, finite);
    }

    /**
     * The histogram cell of point (u, v) in cells of a {@code hw} x {@code hh} histogram, row by
     * row, or -1 where the point is outside: one test for the four edges, where there were four.
     * The JIT compiles a test as the renders it has seen ran it, and an edge test that had never
     * failed (a film's first frames whose points kept off that edge) was compiled without its
     * other way: the first frame to cross that edge threw the compiled chaos game away. One test
     * fails at whichever edge the points cross first. Without a branch: each coordinate's
     * integer part (a cast saturates far outside), its sign (that of u + 0, so that -0 lies
     * inside, as before) and the sign of its distance to the far edge. No {@code Math.floor}:
     * below the JIT's last tier it is a call, and the plot ran 9 to 12% slower with it there.
     * {@code u} and {@code v} are finite (a kept point).
     */
    static int cell(double u, double v, int hw, int hh) {
        int cu = (int) u, cv = (int) v;
        int negative = (int) ((Double.doubleToRawLongBits(u + 0.0) | Double.doubleToRawLongBits(v + 0.0)) >>> 32);
        int outside = (negative | cu | cv | (hw - 1 - cu) | (hh - 1 - cv)) >> 31;
        return (cv * hw + cu) | outside;
    }

    /**
     * Points of the plane that projection {@code p}'s flat camera takes just outside its frame,
     * halfway along each edge, one cell out: the left, top, right and bottom edge's, x and y of
     * each.
     */
    static double[] outside(Projection p) {
        double[] points = new double[8];
        for (int edge = 0; edge < 4; edge++) {
            double u = edge == 0 ? -1 : edge == 2 ? p.hw() + 1 : p.hw() / 2.0;
            double v = edge == 1 ? -1 : edge == 3 ? p.hh() + 1 : p.hh() / 2.0;
            double[] xy = p.unproject(u, v);
            points[2 * edge] = xy[0];
            points[2 * edge + 1] = xy[1];
        }
        return points;
    }

    /**
     * The streams of a render, handed to the threads a slice at a time. A thread that has run a
     * slice of a stream gives it back and takes the waiting stream with the most iterations still
     * to go, keeping its own unless another has {@link #HOP} more (a stream's arrays and the
     * histogram's hot cells move with it between cores). So the streams stay about level, and
     * at the end every thread runs out of work within a few slices of the others: a render no
     * longer waits for its slowest thread. Which thread runs a slice changes nothing in the image:
     * each stream runs the same steps into its own histogram, in the same order.
     */
    static final class Streams {
        /** Steps of a slice: 64 steps of up to 256 trajectories, about half a millisecond. */
        static final int SLICE_STEPS = 64;
        /** How far ahead another stream must be for a thread to leave its own: four slices. */
        static final long HOP = 4L * SLICE_STEPS * POOL;

        private final List<Worker> workers;
        private final boolean[] held;

        Streams(List<Worker> workers) {
            this.workers = workers;
            this.held = new boolean[workers.size()];
        }

        /**
         * Gives back {@code released} (null for none) and takes the stream to run next, or null
         * where every stream is done or held by another thread.
         */
        synchronized Worker next(Worker released) {
            if (released != null) {
                held[workers.indexOf(released)] = false;
            }
            int best = -1;
            long bestScore = 0;
            for (int i = 0; i < held.length; i++) {
                Worker w = workers.get(i);
                if (held[i] || w.remaining() <= 0) {
                    continue;
                }
                long score = w == released ? w.remaining() + HOP : w.remaining(); // own stream kept on a tie
                if (best < 0 || score > bestScore || (score == bestScore && w == released)) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0) {
                return null;
            }
            held[best] = true;
            return workers.get(best);
        }

        /**
         * A thread's work: slices of the streams until none is left to take, starting with
         * {@code first} if not null (taken already); with {@code firstRound}, that stream's first
         * round runs to its end before the thread may leave it.
         */
        void run(Worker first, boolean firstRound) {
            Worker w = first != null ? first : next(null);
            if (w != null && firstRound) {
                while (w.firstRound.getCount() > 0 && !w.slice(SLICE_STEPS)) {
                    // on until the first round is done
                }
            }
            while (w != null) {
                w.slice(SLICE_STEPS);
                w = next(w);
            }
        }
    }

    /**
     * One thread's share of the chaos game. A worker steps up to {@link #POOL} trajectories
     * together. Each step every trajectory draws its xform; the points are then laid out in the
     * {@link Lanes} xform by xform (a run per xform, each starting at a multiple of
     * {@link Lanes#PADDING} slots), so that each variation runs over a whole run at once, and the
     * results are written back in that order: the trajectories change places every step, which
     * changes nothing since they are alike, and saves putting each back where it was.
     */
    static final class Worker implements Runnable {
        final float[] cells;
        /** Counted down when the worker's first round is done (or the worker is). */
        final java.util.concurrent.CountDownLatch firstRound = new java.util.concurrent.CountDownLatch(1);
        private final IterationState s;
        // where the stream is: iterations of its share still to run, and the round under way
        // (its trajectories, its iterations, those run; none under way where the two are equal)
        private long remaining;
        private int roundSize;
        private long target, produced;
        private final AtomicLong done;
        private final long total;
        private final Renderer.Progress progress;

        private final int xformCount;
        private final boolean hasFinal;
        private final double[] pre;
        private final double[] post;
        private final boolean[] hasPost;
        private final double[] colourBlend;
        private final double[] colourKeep;
        private final double[] opacity;
        private final int[] termStart;
        private final double[] termWeight;
        private final int[] termOffset;
        private final double[] params;
        private final short[] selection;
        private final boolean xaos;
        private final float[] palette;
        /** The palette with a fourth channel of 1, so that a plot adds one entry to one cell. */
        private final float[] rgba;
        private final boolean linear;
        private final int fuse;

        // camera: flame coordinates -> histogram cells, and the same as one affine map
        // (u = ax x + bx y + u0, v = ay x + by y + v0) for points without the 3-D camera
        private final double cx, cy, cos, sin, cellsPerUnit, offX, offY;
        private final double ax, bx, ay, by, u0, v0;
        private final float[] opacity32;
        private final int hw, hh;
        // 3-D camera: yaw about z, pitch about x, perspective, depth of field
        private final boolean view3d;
        private final double cosYaw, sinYaw, cosPitch, sinPitch, persp, zpos, dofBlur;

        /** Points of the plane just outside the frame's four edges, for the warm-up: x, y of each. */
        private final double[] outside;

        private final Lanes lanes;
        private final BatchFormula[] termBatch;
        /** Whether a term may set a direct colour (only scalar formulas do). */
        private final boolean directColour;

        // the trajectories, in slots 0..n-1, and the arrays the next step writes them into: point,
        // colour, the xform that moved each last, its run of diverged retries, whether it plots
        private double[] px = new double[POOL], py = new double[POOL], pz = new double[POOL], pc = new double[POOL];
        private int[] prev = new int[POOL], badRun = new int[POOL];
        private double[] nx = new double[POOL], ny = new double[POOL], nz = new double[POOL], nc = new double[POOL];
        private int[] nprev = new int[POOL], nbadRun = new int[POOL];
        private final boolean[] keep = new boolean[POOL];
        // per step: the xform each trajectory drew, per xform its count and first slot, per slot its trajectory
        private final int[] chosen = new int[POOL], order = new int[POOL];
        private final int[] count, runStart, next, slotOf;

        // plots waiting to be added to the histogram, and the same sorted by tile (see flush)
        private final int[] bufCell, sortedCell, tileStart;
        private final double[] bufColour, sortedColour;
        private final float[] bufOpacity, sortedOpacity;
        private final boolean sortPlots;
        private int buffered;

        Worker(CompiledGenome g, Projection pr, long share, long seed,
               AtomicLong done, long total, Renderer.Progress progress) {
            this(g, pr, share, seed, done, total, progress, sortsPlots(pr));
        }

        Worker(CompiledGenome g, Projection pr, long share, long seed,
               AtomicLong done, long total, Renderer.Progress progress, boolean sortPlots) {
            this.cells = new float[Math.multiplyExact(Math.multiplyExact(pr.hw(), pr.hh()), 4)];
            this.remaining = share;
            this.s = new IterationState(seed);
            this.done = done;
            this.total = total;
            this.progress = progress;
            xformCount = g.xformCount();
            count = new int[xformCount];
            runStart = new int[xformCount];
            next = new int[xformCount];
            hasFinal = g.hasFinal();
            pre = g.pre();
            post = g.post();
            hasPost = g.hasPost();
            colourBlend = g.colourBlend();
            colourKeep = g.colourKeep();
            opacity = g.opacity();
            termStart = g.termStart();
            Variation[] vs = g.termVariation();
            termBatch = new BatchFormula[vs.length];
            boolean dc = false;
            for (int k = 0; k < vs.length; k++) {
                termBatch[k] = BatchFormulas.of(vs[k]);
                dc |= !BatchFormulas.vectorised(vs[k]);
            }
            directColour = dc;
            // every run rounded up to whole paddings, and a padding past the last
            int slots = POOL + (xformCount + 1) * Lanes.PADDING;
            lanes = new Lanes(slots, s);
            slotOf = new int[slots];
            termWeight = g.termWeight();
            termOffset = g.termParamOffset();
            params = g.params();
            selection = g.selection();
            xaos = g.hasXaos();
            palette = g.palette();
            linear = g.linearPalette();
            fuse = g.genome().sampling().fuse();
            cx = pr.cx();
            cy = pr.cy();
            cos = pr.cos();
            sin = pr.sin();
            cellsPerUnit = pr.cellsPerUnit();
            offX = pr.offX();
            offY = pr.offY();
            ax = cos * cellsPerUnit;
            bx = -sin * cellsPerUnit;
            ay = sin * cellsPerUnit;
            by = cos * cellsPerUnit;
            u0 = offX - ax * cx - bx * cy;
            v0 = offY - ay * cx - by * cy;
            opacity32 = new float[opacity.length];
            for (int k = 0; k < opacity.length; k++) {
                opacity32[k] = (float) opacity[k];
            }
            rgba = new float[4 * 256];
            for (int k = 0; k < 256; k++) {
                rgba[4 * k] = palette[3 * k];
                rgba[4 * k + 1] = palette[3 * k + 1];
                rgba[4 * k + 2] = palette[3 * k + 2];
                rgba[4 * k + 3] = 1;
            }
            hw = pr.hw();
            hh = pr.hh();
            view3d = pr.view3d();
            cosYaw = pr.cosYaw();
            sinYaw = pr.sinYaw();
            cosPitch = pr.cosPitch();
            sinPitch = pr.sinPitch();
            persp = pr.persp();
            zpos = pr.zpos();
            dofBlur = pr.dofBlur();
            outside = outside(pr);
            int cellCount = hw * hh;
            this.sortPlots = sortPlots;
            int buffer = sortPlots ? (int) Math.min(PLOT_BUFFER, Math.max(POOL, share)) : POOL;
            bufCell = new int[buffer];
            bufColour = new double[buffer];
            bufOpacity = new float[buffer];
            int sorted = sortPlots ? buffer : 0;
            sortedCell = new int[sorted];
            sortedColour = new double[sorted];
            sortedOpacity = new float[sorted];
            tileStart = sortPlots ? new int[(cellCount >> TILE_SHIFT) + 2] : null;
        }

        @Override
        public void run() {
            try {
                while (!slice(Integer.MAX_VALUE)) {
                    // the whole share in one go
                }
            } finally {
                firstRound.countDown();
            }
        }

        /**
         * Steps {@code n} trajectories up to {@code steps} times, plotting, until {@code deadline}
         * ({@link System#nanoTime}). Every 61st step one point is made not a number, and every
         * third of those times its trajectory is marked as having diverged four times in a row
         * already, so that both of {@link #step}'s ways with a diverged point run. Every 53rd step
         * one point about to be plotted is moved just outside the frame, past each of its four
         * edges in turn: a genome whose points seldom leave the frame otherwise left the plot's
         * edge test untaken, and the JIT compiled it as never failing and threw the code away
         * at the render's first points outside (genome 6 of the bench: three times).
         */
        void warmUp(int n, int steps, long deadline) {
            start(n);
            int edge = 0;
            for (int k = 0; k < steps; k++) {
                if ((k & 255) == 255 && System.nanoTime() > deadline) {
                    break;
                }
                if (k % 61 == 60) {
                    px[0] = Double.NaN;
                    if (k % 3 == 0) {
                        badRun[0] = 4;
                    }
                }
                step(n);
                if (k % 53 == 52 && !view3d && !hasFinal && keep[0] && opacity[prev[0]] > 0) {
                    int e = 2 * (edge++ & 3);
                    px[0] = outside[e];
                    py[0] = outside[e + 1];
                }
                plot(n);
            }
            flush();
        }

        /** Puts trajectories 0..n-1 at fresh random points and colours, with no xform and no divergence behind them. */
        private void start(int n) {
            for (int i = 0; i < n; i++) {
                px[i] = s.random11();
                py[i] = s.random11();
                pz[i] = 0;
                pc[i] = s.random01();
                prev[i] = 0;
                badRun[i] = 0;
            }
        }

        /** Iterations of this stream's share not yet run. Read by the thread that runs it, or under {@link Streams}' lock. */
        long remaining() {
            return remaining;
        }

        /**
         * Runs up to {@code steps} more steps of this stream's rounds, where it left off, and
         * says whether its share is done. A round: up to {@link #POOL} fresh trajectories, fused,
         * then stepped together. The stream runs the same steps however it is sliced.
         */
        boolean slice(int steps) {
            int left = steps;
            while (remaining > 0 && left > 0) {
                if (produced == target) { // no round under way: start one
                    roundSize = (int) Math.max(1, Math.min(POOL, remaining / MIN_TRAJECTORY));
                    long roundSteps = Math.min(SUB_BATCH, (remaining + roundSize - 1) / roundSize);
                    start(roundSize);
                    for (int k = 0; k < fuse; k++) {
                        step(roundSize);
                    }
                    target = Math.min(remaining, roundSteps * roundSize);
                    produced = 0;
                }
                int n = roundSize;
                while (produced < target && left > 0) {
                    int active = (int) Math.min(n, target - produced);
                    int counted = step(active);
                    plot(active);
                    produced += counted;
                    remaining -= counted;
                    left--;
                }
                if (produced == target) {
                    warm = true;
                    firstRound.countDown();
                    flush();
                    long d = done.addAndGet(produced);
                    progress.update(d / (double) total);
                }
            }
            return remaining <= 0;
        }

        /**
         * One iteration of trajectories 0..n-1, which come back in slots 0..n-1 in another order.
         * Returns how many iterations count (a diverged point retried is not one, as in flam3);
         * {@code keep[i]} then says whether the trajectory in slot i plots this time.
         */
        private int step(int n) {
            int[] count = this.count, chosen = this.chosen, prev = this.prev;
            java.util.Arrays.fill(count, 0);
            int sel = xaos ? CompiledGenome.SELECTION_SIZE : 0;
            short[] selection = this.selection;
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 3) == 0) {
                    bits = s.nextLong(); // 14 random bits pick an xform: four picks a draw
                }
                int f = selection[prev[i] * sel + (int) (bits >>> 50)];
                bits <<= 14;
                chosen[i] = f;
                count[f]++;
            }
            int extent = 0;
            for (int f = 0; f < xformCount; f++) {
                runStart[f] = extent;
                next[f] = extent;
                extent += (count[f] + Lanes.PADDING - 1) & -Lanes.PADDING;
            }
            int[] slotOf = this.slotOf;
            for (int i = 0; i < n; i++) {
                slotOf[next[chosen[i]]++] = i;
            }
            Lanes l = lanes;
            l.clearSums(extent + Lanes.PADDING, directColour);
            for (int f = 0; f < xformCount; f++) {
                if (count[f] > 0) {
                    transform(f, slotOf, runStart[f], count[f], px, py, pz);
                }
            }
            // the sums, through each xform's post-affine map, become the trajectories' new points
            double[] lx = l.px, ly = l.py, lz = l.pz, ldc = l.dc;
            double[] nx = this.nx, ny = this.ny, nz = this.nz, nc = this.nc, pc = this.pc;
            int[] nprev = this.nprev, nbadRun = this.nbadRun, badRun = this.badRun;
            boolean[] keep = this.keep;
            boolean directColour = this.directColour;
            int produced = 0;
            int out = 0;
            for (int f = 0; f < xformCount; f++) {
                int from = runStart[f], to = from + count[f];
                int o = f * 6;
                boolean post = hasPost[f];
                double pa = this.post[o], pb = this.post[o + 1], pcc = this.post[o + 2];
                double pd = this.post[o + 3], pe = this.post[o + 4], pf = this.post[o + 5];
                double blend = colourBlend[f], keepC = colourKeep[f];
                for (int k = from; k < to; k++, out++) {
                    int i = slotOf[k];
                    double qx = lx[k], qy = ly[k], qz = lz[k];
                    if (post) {
                        double t = pa * qx + pb * qy + pcc;
                        qy = pd * qx + pe * qy + pf;
                        qx = t;
                    }
                    double col = directColour && ldc[k] >= 0 ? ldc[k] : blend + keepC * pc[i];
                    if (bad(qx, qy, qz)) {
                        // As flam3: the point restarts at random (its colour still blends) and the
                        // iteration is retried; after five failures in a row the restart is kept.
                        qx = s.random11();
                        qy = s.random11();
                        qz = 0;
                        int run = badRun[i] + 1;
                        if (run < 5) {
                            nx[out] = qx;
                            ny[out] = qy;
                            nz[out] = qz;
                            nc[out] = col;
                            nprev[out] = prev[i];
                            nbadRun[out] = run;
                            keep[out] = false;
                            continue;
                        }
                    }
                    nx[out] = qx;
                    ny[out] = qy;
                    nz[out] = qz;
                    nc[out] = col;
                    nprev[out] = f;
                    nbadRun[out] = 0;
                    keep[out] = true;
                    produced++;
                }
            }
            // the new points become the trajectories
            this.nx = px;
            this.px = nx;
            this.ny = py;
            this.py = ny;
            this.nz = pz;
            this.pz = nz;
            this.nc = pc;
            this.pc = nc;
            this.nprev = prev;
            this.prev = nprev;
            this.nbadRun = badRun;
            this.badRun = nbadRun;
            return produced;
        }

        /**
         * Puts points {@code x[idx[from + j]], y[..], z[..]} for j < m through xform f's pre-affine
         * map and its variations, into the run of {@code lanes} at slot {@code from} (whose sums
         * must be clear), leaving the sums there (no post-affine).
         */
        private void transform(int f, int[] idx, int from, int m, double[] x, double[] y, double[] z) {
            Lanes l = lanes;
            int o = f * 6;
            double a = pre[o], b = pre[o + 1], c = pre[o + 2], d = pre[o + 3], e = pre[o + 4], ff = pre[o + 5];
            IterationState st = s;
            st.a = a;
            st.b = b;
            st.c = c;
            st.d = d;
            st.e = e;
            st.f = ff;
            double[] tx = l.tx, ty = l.ty, tz = l.tz;
            for (int k = from, to = from + m; k < to; k++) {
                int i = idx[k];
                double xi = x[i], yi = y[i];
                tx[k] = a * xi + b * yi + c;
                ty[k] = d * xi + e * yi + ff;
                tz[k] = z[i];
            }
            l.region(from, m);
            for (int k = termStart[f], end = termStart[f + 1]; k < end; k++) {
                termBatch[k].apply(l, termWeight[k], params, termOffset[k]);
            }
        }

        /** Plots the points of the trajectories in slots 0..n-1 that {@link #step} kept. */
        private void plot(int n) {
            if (!hasFinal && !view3d && !sortPlots) {
                plotFlat(n);
                return;
            }
            int m = 0;
            boolean[] keep = this.keep;
            int[] prev = this.prev, order = this.order;
            for (int i = 0; i < n; i++) {
                if (keep[i] && opacity[prev[i]] > 0) {
                    order[m++] = i;
                }
            }
            double[] qxs = px, qys = py, qzs = pz, pc = this.pc;
            if (hasFinal) {
                lanes.clearSums(m + Lanes.PADDING, directColour);
                transform(xformCount, order, 0, m, px, py, pz);
                qxs = lanes.px;
                qys = lanes.py;
                qzs = lanes.pz;
            }
            int f = xformCount;
            int o = hasFinal ? f * 6 : 0;
            boolean finalPost = hasFinal && hasPost[f];
            double pa = post[o], pb = post[o + 1], pcc = post[o + 2];
            double pd = post[o + 3], pe = post[o + 4], pf = post[o + 5];
            double blend = hasFinal ? colourBlend[f] : 0, keepC = hasFinal ? colourKeep[f] : 1;
            double[] ldc = lanes.dc;
            int added = 0;
            for (int j = 0; j < m; j++) {
                int i = order[j];
                int k = hasFinal ? j : i;
                double qx = qxs[k], qy = qys[k], qz = qzs[k];
                double qc = hasFinal && directColour && ldc[k] >= 0 ? ldc[k] : blend + keepC * pc[i];
                if (hasFinal) {
                    if (finalPost) {
                        double tx = pa * qx + pb * qy + pcc;
                        qy = pd * qx + pe * qy + pf;
                        qx = tx;
                    }
                    if (bad(qx, qy, qz)) {
                        continue;
                    }
                }
                if (view3d) {
                    // yaw about z, then pitch about x, then perspective division by depth
                    double z0 = qz - zpos;
                    double x1 = cosYaw * qx - sinYaw * qy;
                    double y1 = sinYaw * qx + cosYaw * qy;
                    double y2 = cosPitch * y1 - sinPitch * z0;
                    double z2 = sinPitch * y1 + cosPitch * z0;
                    double zr = 1 - persp * z2;
                    if (!(zr > 1e-6)) {
                        continue; // behind the camera
                    }
                    if (dofBlur != 0) {
                        // a direction uniform on the circle, to 1/4096 of a turn (12 bits from a
                        // table), at a distance uniform up to dof * depth (the other 52 bits): one
                        // random draw, no sine, cosine or rejection loop
                        long bits = s.nextLong();
                        int a = (int) (bits >>> 52) << 1;
                        double r = ((bits & 0xFFFFFFFFFFFFFL) * 0x1.0p-52) * dofBlur * z2;
                        x1 += r * CIRCLE[a];
                        y2 += r * CIRCLE[a + 1];
                    }
                    qx = x1 / zr;
                    qy = y2 / zr;
                }
                double dx = qx - cx, dy = qy - cy;
                double u = (cos * dx - sin * dy) * cellsPerUnit + offX;
                double v = (sin * dx + cos * dy) * cellsPerUnit + offY;
                int cell = cell(u, v, hw, hh);
                if (cell < 0) {
                    continue;
                }
                float op = (float) opacity[prev[i]];
                if (!sortPlots) {
                    bufCell[added] = cell * 4;
                    bufColour[added] = qc;
                    bufOpacity[added++] = op;
                    continue;
                }
                int b = buffered;
                bufCell[b] = cell;
                bufColour[b] = qc;
                bufOpacity[b] = op;
                if ((buffered = b + 1) == bufCell.length) {
                    flush();
                }
            }
            add(added);
        }

        /**
         * Adds a step's first {@code n} buffered plots (cell offsets, not sorted) to the histogram,
         * in a loop of their own. A 3-D or final-xform flame spreads its points over a histogram
         * beyond the caches (480x300 at supersample 2: 9.2 MB), and a plot made inside the loop
         * that projects it waits on memory with little else in flight; a loop of plots alone has
         * many cells loading at once. The 2019 flames, in-process, one thread: 5.9 and 8.4 -> 9.1
         * and 10.0 M iterations/s (median of crucible, kindling and wavy, two alternating runs).
         * The flat path is better as it is (plotting inside its short loop: 29 M/s, split: 23 M/s).
         */
        private void add(int n) {
            int[] cell = bufCell;
            double[] colour = bufColour;
            float[] op = bufOpacity, cells = this.cells;
            for (int j = 0; j < n; j++) {
                plot(cells, cell[j], colour[j], op[j]);
            }
        }

        /**
         * {@link #plot(int)} for the common genome: no final xform, no 3-D camera, a histogram
         * that fits the caches. Each kept point goes straight to its cell.
         */
        private void plotFlat(int n) {
            boolean[] keep = this.keep;
            int[] prev = this.prev;
            double[] px = this.px, py = this.py, pc = this.pc;
            float[] opacity = this.opacity32, cells = this.cells;
            double ax = this.ax, bx = this.bx, ay = this.ay, by = this.by, u0 = this.u0, v0 = this.v0;
            int hw = this.hw, hh = this.hh;
            for (int i = 0; i < n; i++) {
                float op = opacity[prev[i]];
                if (!keep[i] || !(op > 0)) {
                    continue;
                }
                double x = px[i], y = py[i];
                double u = ax * x + bx * y + u0, v = ay * x + by * y + v0;
                int cell = cell(u, v, hw, hh);
                if (cell < 0) {
                    continue;
                }
                plot(cells, cell * 4, pc[i], op);
            }
        }

        /**
         * Adds the buffered plots to the histogram. A histogram far larger than the caches is
         * touched at random by a spread-out flame, and each plot then waits on memory: sorted first
         * by tile of 4,096 cells (64 KB, a counting sort), the plots of a tile land in cache. The order of the additions changes,
         * not the sums (to float rounding), and it depends only on the plots: the image stays a
         * function of the genome, the spec, the seed and the thread count.
         */
        private void flush() {
            int n = buffered;
            buffered = 0;
            if (n == 0) {
                return;
            }
            int[] start = tileStart;
            java.util.Arrays.fill(start, 0);
            for (int j = 0; j < n; j++) {
                start[(bufCell[j] >> TILE_SHIFT) + 1]++;
            }
            for (int t = 1; t < start.length; t++) {
                start[t] += start[t - 1];
            }
            for (int j = 0; j < n; j++) {
                int k = start[bufCell[j] >> TILE_SHIFT]++;
                sortedCell[k] = bufCell[j];
                sortedColour[k] = bufColour[j];
                sortedOpacity[k] = bufOpacity[j];
            }
            for (int j = 0; j < n; j++) {
                plot(cells, sortedCell[j] * 4, sortedColour[j], sortedOpacity[j]);
            }
        }

        /** Whether any of the three is not finite or beyond {@link #BAD_VALUE}: one branch, no short cut. */
        private static boolean bad(double x, double y, double z) {
            return !(Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z))) < BAD_VALUE);
        }

        private void plot(float[] cells, int cell, double colour, float op) {
            float r, g, b;
            if (linear) {
                double pos = Math.min(255.0, Math.max(0.0, colour * 256.0)); // as flam3: entry i at colour i/256, the last from 255/256
                int i0 = (int) pos;
                int i1 = Math.min(255, i0 + 1);
                float f = (float) (pos - i0);
                r = palette[3 * i0] + f * (palette[3 * i1] - palette[3 * i0]);
                g = palette[3 * i0 + 1] + f * (palette[3 * i1 + 1] - palette[3 * i0 + 1]);
                b = palette[3 * i0 + 2] + f * (palette[3 * i1 + 2] - palette[3 * i0 + 2]);
            } else {
                int idx = (int) (colour * 256.0);
                int e = (idx < 0 ? 0 : Math.min(idx, 255)) * 4;
                float[] rgba = this.rgba;
                cells[cell] += rgba[e] * op;
                cells[cell + 1] += rgba[e + 1] * op;
                cells[cell + 2] += rgba[e + 2] * op;
                cells[cell + 3] += op;
                return;
            }
            cells[cell] += r * op;
            cells[cell + 1] += g * op;
            cells[cell + 2] += b * op;
            cells[cell + 3] += op;
        }
    }
}

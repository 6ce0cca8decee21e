package bloom.flame.render;

import bloom.flame.variation.IterationState;
import bloom.flame.variation.Variation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos game on the CPU. The iterations are split evenly over worker threads; each thread
 * runs its own random stream (split from the render seed by thread index) into its own
 * histogram, and the histograms are summed in thread order, so an image depends only on the
 * genome, the spec, the seed and the thread count.
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

    @Override
    public String describe() {
        return "cpu";
    }

    /** Runs the chaos game on {@code spec.threads()} threads and returns the summed histogram cells. */
    @Override
    protected float[] accumulate(CompiledGenome g, RenderSpec spec, Projection projection, Renderer.Progress progress) {
        int threads = spec.threads();
        long iterations = spec.iterations();
        AtomicLong done = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long share = iterations / threads + (t < iterations % threads ? 1 : 0);
            workers.add(new Worker(g, projection, share, mix(spec.seed(), t), done, iterations, progress));
        }
        if (threads == 1) {
            workers.get(0).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "bloom-chaos");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Worker w : workers) {
                    futures.add(pool.submit(w));
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
        for (int t = 1; t < threads; t++) {
            float[] b = workers.get(t).cells;
            for (int i = 0; i < total.length; i++) {
                total[i] += b[i];
            }
        }
        progress.update(1.0);
        return total;
    }

    /** One thread's share of the chaos game. */
    private static final class Worker implements Runnable {
        final float[] cells;
        private final long share;
        private final IterationState s;
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
        private final Variation.Formula[] termFormula;
        private final double[] termWeight;
        private final int[] termOffset;
        private final double[] params;
        private final short[] selection;
        private final boolean xaos;
        private final float[] palette;
        private final boolean linear;
        private final int fuse;

        // camera: flame coordinates -> histogram cells
        private final double cx, cy, cos, sin, cellsPerUnit, offX, offY;
        private final int hw, hh;
        // 3-D camera: yaw about z, pitch about x, perspective, depth of field
        private final boolean view3d;
        private final double cosYaw, sinYaw, cosPitch, sinPitch, persp, zpos, dofBlur;

        // output of apply()
        private double ox, oy, oz, oc;

        Worker(CompiledGenome g, Projection pr, long share, long seed,
               AtomicLong done, long total, Renderer.Progress progress) {
            this.cells = new float[Math.multiplyExact(Math.multiplyExact(pr.hw(), pr.hh()), 4)];
            this.share = share;
            this.s = new IterationState(seed);
            this.done = done;
            this.total = total;
            this.progress = progress;
            xformCount = g.xformCount();
            hasFinal = g.hasFinal();
            pre = g.pre();
            post = g.post();
            hasPost = g.hasPost();
            colourBlend = g.colourBlend();
            colourKeep = g.colourKeep();
            opacity = g.opacity();
            termStart = g.termStart();
            Variation[] vs = g.termVariation();
            termFormula = new Variation.Formula[vs.length];
            for (int k = 0; k < vs.length; k++) {
                termFormula[k] = vs[k].formula();
            }
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
        }

        @Override
        public void run() {
            long remaining = share;
            while (remaining > 0) {
                int batch = (int) Math.min(SUB_BATCH, remaining);
                double x = s.random11();
                double y = s.random11();
                double z = 0;
                double c = s.random01();
                int prev = 0;
                int consecutiveBad = 0;
                for (int i = -fuse; i < batch; i++) {
                    int row = xaos ? prev * CompiledGenome.SELECTION_SIZE : 0;
                    int fn = selection[row + (int) (s.nextLong() >>> 50)];
                    apply(fn, x, y, z, c);
                    if (bad(ox) || bad(oy) || bad(oz)) {
                        // As flam3: the point restarts at random (its colour still blends) and the
                        // iteration is retried; after five failures in a row the restart is kept.
                        ox = s.random11();
                        oy = s.random11();
                        oz = 0;
                        if (++consecutiveBad < 5) {
                            x = ox;
                            y = oy;
                            z = oz;
                            c = oc;
                            i--;
                            continue;
                        }
                    }
                    consecutiveBad = 0;
                    x = ox;
                    y = oy;
                    z = oz;
                    c = oc;
                    prev = fn;
                    if (i < 0) {
                        continue;
                    }
                    double op = opacity[fn];
                    if (op <= 0) {
                        continue;
                    }
                    double qx = x, qy = y, qz = z, qc = c;
                    if (hasFinal) {
                        apply(xformCount, x, y, z, c);
                        qx = ox;
                        qy = oy;
                        qz = oz;
                        qc = oc;
                        if (bad(qx) || bad(qy) || bad(qz)) {
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
                            double a = s.random01() * 2 * Math.PI;
                            double r = s.random01() * dofBlur * z2;
                            x1 += r * Math.cos(a);
                            y2 += r * Math.sin(a);
                        }
                        qx = x1 / zr;
                        qy = y2 / zr;
                    }
                    double dx = qx - cx, dy = qy - cy;
                    double u = (cos * dx - sin * dy) * cellsPerUnit + offX;
                    double v = (sin * dx + cos * dy) * cellsPerUnit + offY;
                    if (!(u >= 0 && v >= 0 && u < hw && v < hh)) {
                        continue;
                    }
                    int cell = (((int) v) * hw + (int) u) * 4;
                    plot(cells, cell, qc, (float) op);
                }
                remaining -= batch;
                long d = done.addAndGet(batch);
                progress.update(d / (double) total);
            }
        }

        private static boolean bad(double v) {
            return !(v > -BAD_VALUE && v < BAD_VALUE);
        }

        private void plot(float[] cells, int cell, double colour, float op) {
            float r, g, b;
            if (linear) {
                double pos = Math.min(255.0, Math.max(0.0, colour * 255.0));
                int i0 = (int) pos;
                int i1 = Math.min(255, i0 + 1);
                float f = (float) (pos - i0);
                r = palette[3 * i0] + f * (palette[3 * i1] - palette[3 * i0]);
                g = palette[3 * i0 + 1] + f * (palette[3 * i1 + 1] - palette[3 * i0 + 1]);
                b = palette[3 * i0 + 2] + f * (palette[3 * i1 + 2] - palette[3 * i0 + 2]);
            } else {
                int idx = (int) (colour * 256.0);
                idx = idx < 0 ? 0 : Math.min(idx, 255);
                r = palette[3 * idx];
                g = palette[3 * idx + 1];
                b = palette[3 * idx + 2];
            }
            cells[cell] += r * op;
            cells[cell + 1] += g * op;
            cells[cell + 2] += b * op;
            cells[cell + 3] += op;
        }

        /** Applies xform {@code fn} to (x, y, z, c), leaving the result in (ox, oy, oz, oc). */
        private void apply(int fn, double x, double y, double z, double c) {
            int o = fn * 6;
            IterationState st = s;
            st.a = pre[o];
            st.b = pre[o + 1];
            st.c = pre[o + 2];
            st.d = pre[o + 3];
            st.e = pre[o + 4];
            st.f = pre[o + 5];
            st.tx = st.a * x + st.b * y + st.c;
            st.ty = st.d * x + st.e * y + st.f;
            st.tz = z;
            st.moved();
            st.px = 0;
            st.py = 0;
            st.pz = 0;
            for (int k = termStart[fn], end = termStart[fn + 1]; k < end; k++) {
                termFormula[k].apply(st, termWeight[k], params, termOffset[k]);
            }
            double nx = st.px, ny = st.py;
            if (hasPost[fn]) {
                ox = post[o] * nx + post[o + 1] * ny + post[o + 2];
                oy = post[o + 3] * nx + post[o + 4] * ny + post[o + 5];
            } else {
                ox = nx;
                oy = ny;
            }
            oz = st.pz;
            oc = colourBlend[fn] + colourKeep[fn] * c;
        }
    }
}

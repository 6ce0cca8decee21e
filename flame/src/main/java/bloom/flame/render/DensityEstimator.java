package bloom.flame.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-density scaling and adaptive density estimation of the histogram (the paper's section
 * 4.4). A cell hit n times gets the value {@code A = k1 log(1 + n k2)}; where n is small the
 * estimate is noisy, so the cell's value is spread over a disc of radius
 * {@code max(minimum, radius / n^curve)} cells with an Epanechnikov kernel (weights
 * {@code 1 - (d/R)^2}, normalised). Dense cells keep their value.
 */
final class DensityEstimator {

    /** Whether the spreading can run a vector of cells at a time (the JVM has the Vector API). */
    private static final boolean VECTOR = bloom.flame.variation.BatchFormulas.vectorised();

    /**
     * Whether a density estimation has finished in this JVM. The first one spreads with the scalar
     * loop: the vector loop is faster only once the JIT has compiled it, and until then every vector
     * is an object built lane by lane. A still's process estimates once: with the vector loop its
     * estimation took 80 to 100 ms, with the scalar one 16 to 32 ms (640x360, 2 threads); a film's
     * later frames and the bench's warm renders keep the vector loop (640x360: 18 ms against 26;
     * the 2019 flames at 480x300, supersample 2: 98 ms against 159). Both loops add the same floats.
     */
    private static volatile boolean warm;

    /** Kernel radii are quantised to quarters of a cell so kernels can be shared. */
    private static final int STEPS_PER_CELL = 4;

    private DensityEstimator() {}

    /**
     * Returns a new cell array (same layout as the histogram) of log-scaled, spread values. With
     * {@code oversample} {@code os > 1} the density that picks a cell's kernel is the count of the
     * os x os cells from it, one output pixel's worth, as flam3 measures it: one cell's count alone
     * is os^2 times too sparse and would pick kernels too wide (radius and minimum are in cells).
     *
     * <p>On {@code threads} threads: the rows are cut into bands at least twice the widest
     * kernel's reach tall, so the cells that two even (or two odd) bands spread into never meet;
     * the even bands run first, then the odd ones. Every cell then sums its contributions in the
     * same order whatever the number of threads.
     */
    static float[] apply(Histogram h, double k1, double k2, double radius, double minimum, double curve, int oversample,
                         int threads) {
        float[] out = apply(h, k1, k2, radius, minimum, curve, oversample, threads, VECTOR && warm);
        warm = true;
        return out;
    }

    /** {@link #apply}, spreading with the vector loop (where the JVM has it) or the scalar one. */
    static float[] apply(Histogram h, double k1, double k2, double radius, double minimum, double curve, int oversample,
                         int threads, boolean vector) {
        float[] out = new float[h.cells.length];
        Kernel[] kernels = radius >= 0.5 ? kernels(radius) : new Kernel[0];
        int reach = 0;
        for (Kernel k : kernels) {
            for (int dy : k.dy) {
                reach = Math.max(reach, Math.abs(dy));
            }
        }
        int band = Math.max(2 * reach, 8);
        int bands = (h.height + band - 1) / band;
        for (int parity = 0; parity < 2; parity++) {
            int first = parity;
            Parallel.rows(threads, (bands - first + 1) / 2, 1, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int y0 = (first + 2 * b) * band;
                    spread(h, out, y0, Math.min(h.height, y0 + band), kernels, k1, k2, minimum, radius, curve, oversample,
                            vector && VECTOR);
                }
            });
        }
        return out;
    }

    /** Log-scales the cells of rows y0 to y1 and spreads each over its kernel into {@code out}. */
    private static void spread(Histogram h, float[] out, int y0, int y1, Kernel[] kernels, double k1, double k2,
                               double minimum, double radius, double curve, int oversample, boolean vector) {
        float[] rgba4 = vector ? new float[VectorSpread.LANES] : null;
        float[] in = h.cells;
        int w = h.width;
        int ht = h.height;
        int os = Math.max(1, oversample);
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                int c = (y * w + x) * 4;
                float n = in[c + 3];
                if (!(n > 0)) {
                    continue;
                }
                double scale = k1 * Math.log1p(n * k2) / n;
                float r = (float) (in[c] * scale);
                float g = (float) (in[c + 1] * scale);
                float b = (float) (in[c + 2] * scale);
                float a = (float) (n * scale);
                double density = n;
                if (os > 1 && kernels.length > 0) {
                    density = 0;
                    for (int j = 0; j < os && y + j < ht; j++) {
                        int row = ((y + j) * w + x) * 4 + 3;
                        for (int i = 0; i < os && x + i < w; i++) {
                            density += in[row + 4 * i];
                        }
                    }
                }
                double rad = kernels.length == 0 ? 0 : Math.max(minimum, radius / Math.pow(density, curve));
                int q = (int) Math.round(rad * STEPS_PER_CELL);
                if (q < STEPS_PER_CELL / 2 || kernels.length == 0) {
                    out[c] += r;
                    out[c + 1] += g;
                    out[c + 2] += b;
                    out[c + 3] += a;
                    continue;
                }
                Kernel k = kernels[Math.min(q, kernels.length - 1)];
                if (vector) {
                    for (int i = 0; i < rgba4.length; i += 4) {
                        rgba4[i] = r;
                        rgba4[i + 1] = g;
                        rgba4[i + 2] = b;
                        rgba4[i + 3] = a;
                    }
                }
                // the kernel's rows are consecutive, from dy[0] down: those inside the histogram are
                // a range, found without a test per row (the JIT compiles such a test from the frames
                // it has seen, and a film's first frame to reach the top or bottom edge threw the
                // compiled code away)
                int dy0 = k.dy[0];
                for (int row = Math.max(0, -y - dy0), rows = Math.min(k.dy.length, ht - y - dy0); row < rows; row++) {
                    int yy = y + dy0 + row;
                    // the row's run of cells, cut to the histogram's width
                    int x0 = x + k.dx[row], start = k.start[row];
                    int from = Math.max(0, -x0), to = Math.min(k.start[row + 1] - start, w - x0);
                    if (vector) {
                        from += VectorSpread.add(out, (yy * w + x0 + from) * 4, k.weight4, 4 * (start + from), to - from, rgba4);
                    }
                    for (int i = from, o = (yy * w + x0 + from) * 4; i < to; i++, o += 4) {
                        float kw = k.weight[start + i];
                        out[o] += kw * r;
                        out[o + 1] += kw * g;
                        out[o + 2] += kw * b;
                        out[o + 3] += kw * a;
                    }
                }
            }
        }
    }

    /**
     * A disc of cells, row by row: row k is the run of cells from (dx[k], dy[k]) to the right,
     * whose weights are {@code weight[start[k] .. start[k + 1])}; {@code weight4} holds each
     * weight four times (once per channel), for {@link VectorSpread}, and a vector's padding.
     */
    record Kernel(int[] dx, int[] dy, int[] start, float[] weight, float[] weight4) {}

    /** The kernels made last, kept for the next estimation: a film's frames and a warm-up ask for the same ones. */
    private static volatile Kernels last;

    private record Kernels(double maxRadius, Kernel[] kernels) {}

    /** The kernels of radii up to {@code maxRadius} in quarter cells. */
    static Kernel[] kernels(double maxRadius) {
        Kernels k = last;
        if (k == null || Double.compare(k.maxRadius, maxRadius) != 0) {
            k = new Kernels(maxRadius, makeKernels(maxRadius));
            last = k;
        }
        return k.kernels;
    }

    private static Kernel[] makeKernels(double maxRadius) {
        int count = (int) Math.ceil(maxRadius * STEPS_PER_CELL) + 1;
        Kernel[] ks = new Kernel[count];
        for (int q = 0; q < count; q++) {
            double r = Math.max(0.5, q / (double) STEPS_PER_CELL);
            int reach = (int) Math.ceil(r);
            List<int[]> rows = new ArrayList<>(); // dy, first dx, first weight
            List<Double> ws = new ArrayList<>();
            double sum = 0;
            for (int dy = -reach; dy <= reach; dy++) {
                boolean open = false;
                for (int dx = -reach; dx <= reach; dx++) {
                    double d2 = (dx * dx + dy * dy) / (r * r);
                    if (d2 < 1) {
                        if (!open) {
                            rows.add(new int[] {dy, dx, ws.size()});
                            open = true;
                        }
                        double wgt = 1 - d2;
                        ws.add(wgt);
                        sum += wgt;
                    }
                }
            }
            int[] dxs = new int[rows.size()], dys = new int[rows.size()], starts = new int[rows.size() + 1];
            for (int i = 0; i < rows.size(); i++) {
                dys[i] = rows.get(i)[0];
                dxs[i] = rows.get(i)[1];
                starts[i] = rows.get(i)[2];
            }
            starts[rows.size()] = ws.size();
            float[] wts = new float[ws.size()];
            for (int i = 0; i < wts.length; i++) {
                wts[i] = (float) (ws.get(i) / sum);
            }
            float[] wts4 = new float[4 * wts.length + 16];
            for (int i = 0; i < wts.length; i++) {
                java.util.Arrays.fill(wts4, 4 * i, 4 * i + 4, wts[i]);
            }
            ks[q] = new Kernel(dxs, dys, starts, wts, wts4);
        }
        return ks;
    }
}

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
     * loop unless it has much to spread ({@link #COLD_VECTOR_ABOVE}): the vector loop is faster
     * only once the JIT has compiled it, and until then every vector is an object built lane by
     * lane. A still's process estimates once: with the vector loop its estimation took 80 to 100
     * ms, with the scalar one 16 to 32 ms (640x360, 2 threads); a film's later frames and the
     * bench's warm renders keep the vector loop (640x360: 18 ms against 26; the 2019 flames at
     * 480x300, supersample 2: 98 ms against 159). Both loops add the same floats.
     */
    private static volatile boolean warm;

    /**
     * The cells a JVM's first estimation must add to (estimated by {@link #work}) above which it
     * spreads with the vector loop all the same: the JIT compiles that loop within 0.15 to 0.2 s,
     * and from there it spreads about twice as fast. The first estimation's time with the scalar
     * loop and the vector one, inside whole-process stills on two threads: genome 6 at 640x360
     * (1.8 M cells to add to) 27 against 228 ms, at 3840x2160 quality 50 (41 M) 134 against
     * 301 ms; wavy at 640x360, supersample 2 (52 M) 159 against 293 ms; kindling at 1920x1080
     * quality 100, supersample 2 (0.95 G) 1.09 against 0.92 s, at 3840x2160 quality 5 (4.1 G)
     * 3.84 against 2.12 s. With this bound, whole-process 3840x2160 stills of kindling and
     * crucible at quality 5 took 10.0 to 10.6 s against 12.3 to 12.5 s.
     */
    static final long COLD_VECTOR_ABOVE = 400_000_000L;

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
        boolean vector = VECTOR && (warm || work(h, radius, minimum, curve, oversample, COLD_VECTOR_ABOVE) > COLD_VECTOR_ABOVE);
        float[] out = apply(h, k1, k2, radius, minimum, curve, oversample, threads, vector);
        warm = true;
        return out;
    }

    /** {@link #apply}, spreading with the vector loop (where the JVM has it) or the scalar one. */
    static float[] apply(Histogram h, double k1, double k2, double radius, double minimum, double curve, int oversample,
                         int threads, boolean vector) {
        float[] out = new float[h.cells.length];
        Kernel[] kernels = radius >= 0.5 ? kernels(radius) : new Kernel[0];
        int[][] offsets = vector && VECTOR ? offsets(kernels, h.width) : null;
        Choice choice = Choice.of(radius, minimum, curve, kernels.length);
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
                    spread(h, out, y0, Math.min(h.height, y0 + band), kernels, offsets, choice, k1, k2, oversample,
                            vector && VECTOR);
                }
            });
        }
        return out;
    }

    /**
     * About how many cells the spreading of histogram {@code h} adds to: the sum over its
     * non-empty cells of their kernels' areas, counted on every 61st cell, or on 8,192 cells
     * evenly apart in a larger histogram (cold, counting 17,000 cells took 6 ms). Returns at once,
     * with a bound, where the histogram's cells times the widest kernel's area are at most
     * {@code atMost} (a 640x360 still: no count).
     */
    static long work(Histogram h, double radius, double minimum, double curve, int oversample, long atMost) {
        Kernel[] kernels = radius >= 0.5 ? kernels(radius) : new Kernel[0];
        long n = (long) h.width * h.height;
        if (kernels.length == 0) {
            return n;
        }
        long widest = kernels[kernels.length - 1].weight().length;
        if (n * widest <= atMost) {
            return n * widest;
        }
        Choice choice = Choice.of(radius, minimum, curve, kernels.length);
        float[] in = h.cells;
        int w = h.width, ht = h.height, os = Math.max(1, oversample);
        long stride = Math.max(61, n / 8192);
        long sum = 0;
        for (long cell = 0; cell < n; cell += stride) {
            if (!(in[(int) (4 * cell + 3)] > 0)) {
                continue;
            }
            int kq = choice.kernel(density(in, w, ht, (int) (cell % w), (int) (cell / w), os));
            sum += kq < 0 ? 1 : kernels[kq].weight().length;
        }
        return sum * stride;
    }

    /**
     * The density that picks the kernel of cell (x, y) of a {@code w} x {@code ht} histogram at
     * supersample {@code os}: the count of the os x os cells from it, cut at the histogram's edges.
     */
    private static double density(float[] in, int w, int ht, int x, int y, int os) {
        double density = 0;
        for (int j = 0; j < os && y + j < ht; j++) {
            int row = ((y + j) * w + x) * 4 + 3;
            for (int i = 0; i < os && x + i < w; i++) {
                density += in[row + 4 * i];
            }
        }
        return density;
    }

    /** Log-scales the cells of rows y0 to y1 and spreads each over its kernel into {@code out}. */
    private static void spread(Histogram h, float[] out, int y0, int y1, Kernel[] kernels, int[][] offsets, Choice choice,
                               double k1, double k2, int oversample, boolean vector) {
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
                double density = os > 1 && kernels.length > 0 ? density(in, w, ht, x, y, os) : n;
                int kq = choice.kernel(density);
                if (kq < 0) {
                    out[c] += r;
                    out[c + 1] += g;
                    out[c + 2] += b;
                    out[c + 3] += a;
                    continue;
                }
                Kernel k = kernels[kq];
                // the vector loop runs each row whole, its zero weights past the disc included
                // (a sum plus zero is the sum); a colour that is not finite would make them NaN
                boolean vectors = vector && Float.isFinite(r) && Float.isFinite(g) && Float.isFinite(b) && Float.isFinite(a);
                if (vectors) {
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
                if (vectors && y + dy0 >= 0 && y - dy0 < ht && x + k.left >= 0 && x + k.right <= w) {
                    // inside the histogram, pads and all: every vector of the kernel in one loop
                    VectorSpread.addAll(out, c, offsets[kq], k.weight4, rgba4);
                    continue;
                }
                for (int row = Math.max(0, -y - dy0), rows = Math.min(k.dy.length, ht - y - dy0); row < rows; row++) {
                    int yy = y + dy0 + row;
                    // the row's run of cells, cut to the histogram's width
                    int x0 = x + k.dx[row], start = k.start[row];
                    int from = Math.max(0, -x0), to = Math.min(k.start[row + 1] - start, w - x0);
                    if (vectors) {
                        int padded = Math.min(k.padded[row + 1] - k.padded[row], w - x0);
                        from += VectorSpread.add(out, (yy * w + x0 + from) * 4, k.weight4, 4 * (k.padded[row] + from),
                                padded - from, rgba4);
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
     * Which kernel a cell's density picks: the radius {@code max(minimum, radius / density^curve)}
     * in quarter cells, rounded, up to the widest kernel; none (-1) below half a cell, where the
     * cell keeps its value. Found among precomputed densities instead of with a power per cell:
     * the index falls as the density grows, so for each index k from 2 up, the least density
     * whose index is below k, found once by bisection over the doubles with the formula itself,
     * says exactly which densities pick k or more. Density estimation of four 2019 flames took 10
     * to 12% less time than with the power. Where the curve is not positive, or the density not a
     * positive finite number, the formula runs as it is.
     */
    static final class Choice {

        private final double radius, minimum, curve;
        /** The widest kernel's index; -1 without kernels. */
        private final int last;
        /** {@code under[k]}, k from 2 to last: a density picks kernel k or a wider one if and only if it is below. */
        final double[] under;

        private static volatile Choice kept;

        private Choice(double radius, double minimum, double curve, int kernels) {
            this.radius = radius;
            this.minimum = minimum;
            this.curve = curve;
            this.last = kernels - 1;
            if (curve > 0 && last >= 2) {
                under = new double[last + 1];
                for (int k = 2; k <= last; k++) {
                    under[k] = least(k - 1);
                }
            } else {
                under = null;
            }
        }

        /** The choice for these parameters: the one made last if they match (a film's frames ask for the same). */
        static Choice of(double radius, double minimum, double curve, int kernels) {
            Choice c = kept;
            if (c == null || Double.compare(c.radius, radius) != 0 || Double.compare(c.minimum, minimum) != 0
                    || Double.compare(c.curve, curve) != 0 || c.last != kernels - 1) {
                c = new Choice(radius, minimum, curve, kernels);
                kept = c;
            }
            return c;
        }

        /** The kernel's index, or -1 where the cell keeps its value. */
        int kernel(double density) {
            if (under == null || !(density > 0 && density < Double.POSITIVE_INFINITY)) {
                return formula(density);
            }
            if (!(density < under[2])) {
                return -1;
            }
            int lo = 2, hi = last; // density < under[lo]; the last k with density < under[k]
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (density < under[mid]) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        /** The kernel's index from the formula. */
        int formula(double density) {
            long q = quarters(density);
            return q < STEPS_PER_CELL / 2 ? -1 : (int) Math.min(q, last);
        }

        /** The radius in quarter cells, rounded, before the widest kernel caps it: falls as the density grows. */
        private long quarters(double density) {
            return Math.round(Math.max(minimum, radius / Math.pow(density, curve)) * STEPS_PER_CELL);
        }

        /** The least positive double whose rounded radius is at most k quarters (infinity if none). */
        private double least(int k) {
            long lo = 1, hi = Double.doubleToRawLongBits(Double.MAX_VALUE); // positive doubles in order
            if (quarters(Double.MAX_VALUE) > k) {
                return Double.POSITIVE_INFINITY;
            }
            if (quarters(Double.MIN_VALUE) <= k) {
                return Double.MIN_VALUE;
            }
            while (hi - lo > 1) { // quarters(lo) > k >= quarters(hi)
                long mid = (lo + hi) >>> 1;
                if (quarters(Double.longBitsToDouble(mid)) <= k) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return Double.longBitsToDouble(hi);
        }
    }

    /**
     * A disc of cells, row by row: row k is the run of cells from (dx[k], dy[k]) to the right,
     * whose weights are {@code weight[start[k] .. start[k + 1])}. For {@link VectorSpread},
     * {@code weight4} holds each weight four times (once per channel), row k from cell
     * {@code padded[k]}, each row followed by zero weights up to a whole number of vectors.
     */
    record Kernel(int[] dx, int[] dy, int[] start, float[] weight, int[] padded, float[] weight4, int left, int right) {}

    /**
     * For the kernels' vectors, in {@code weight4}'s order: where each vector's first cell is in
     * a histogram {@code width} cells wide, in floats from the kernel's centre.
     */
    private static int[][] offsets(Kernel[] kernels, int width) {
        int[][] offsets = new int[kernels.length][];
        for (int q = 0; q < kernels.length; q++) {
            Kernel k = kernels[q];
            int[] o = new int[k.padded[k.dy.length] / CELLS_PER_VECTOR];
            for (int row = 0, v = 0; row < k.dy.length; row++) {
                for (int cell = k.padded[row]; cell < k.padded[row + 1]; cell += CELLS_PER_VECTOR) {
                    o[v++] = (k.dy[row] * width + k.dx[row] + cell - k.padded[row]) * 4;
                }
            }
            offsets[q] = o;
        }
        return offsets;
    }

    /**
     * Cells a vector of the spreading loop holds: a kernel's rows in {@code weight4} are padded
     * to a multiple. A row's last cells were otherwise left to a scalar loop: with radii of 2 to
     * 12 cells, most rows ended in one to three such cells, and the scalar ends took longer than
     * the vectors.
     */
    private static final int CELLS_PER_VECTOR = VECTOR ? VectorSpread.LANES / 4 : 1;

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
            int[] padded = new int[rows.size() + 1];
            for (int i = 0; i < rows.size(); i++) {
                int len = starts[i + 1] - starts[i];
                padded[i + 1] = padded[i] + (len + CELLS_PER_VECTOR - 1) / CELLS_PER_VECTOR * CELLS_PER_VECTOR;
            }
            float[] wts4 = new float[4 * padded[rows.size()] + 16];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = starts[i]; j < starts[i + 1]; j++) {
                    java.util.Arrays.fill(wts4, 4 * (padded[i] + j - starts[i]), 4 * (padded[i] + j - starts[i]) + 4, wts[j]);
                }
            }
            int left = 0, right = 0;
            for (int i = 0; i < rows.size(); i++) {
                left = Math.min(left, dxs[i]);
                right = Math.max(right, dxs[i] + padded[i + 1] - padded[i]);
            }
            ks[q] = new Kernel(dxs, dys, starts, wts, padded, wts4, left, right);
        }
        return ks;
    }
}

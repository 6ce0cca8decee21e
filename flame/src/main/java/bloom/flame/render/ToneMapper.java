package bloom.flame.render;

import bloom.flame.genome.Curves;
import bloom.flame.genome.Sampling;
import bloom.flame.genome.Tone;

/**
 * Histogram to image, after section 4 of the paper and flam3's constants:
 * <ol>
 *   <li>log density: each cell's hit count n becomes {@code A = k1 log(1 + n k2)} and its colour
 *       sum is scaled by {@code A / n}, where k2 normalises n by the sample density per unit
 *       area, so that the picture does not depend on quality or size;</li>
 *   <li>density estimation: sparse cells are spread over a disc whose radius shrinks as
 *       {@code radius / n^curve}, smoothing noise where few samples fell;</li>
 *   <li>spatial filter and downsampling of the oversampled cells to pixels;</li>
 *   <li>gamma on the density (with a linear ramp below the threshold), vibrancy mixing per-channel
 *       gamma with density gamma, highlight handling, and the background.</li>
 * </ol>
 */
final class ToneMapper {

    /** flam3's brightness scale: 268/256 of the white level. */
    private static final double K1_SCALE = 268.0 / 256.0;

    private ToneMapper() {}

    /** The image of histogram {@code h}, on up to {@code threads} threads (the image does not depend on how many). */
    static Image toImage(Histogram h, CompiledGenome g, RenderSpec spec, double pixelsPerUnit, SpatialFilter filter,
                         int threads) {
        Tone tone = g.genome().tone();
        Sampling sampling = g.genome().sampling();
        int os = spec.oversample();
        double k1 = k1(tone), k2 = k2(tone, spec, pixelsPerUnit);

        float[] density = DensityEstimator.apply(h, k1, k2, sampling.estimatorRadius() * os,
                sampling.estimatorMinimum() * os, sampling.estimatorCurve(), os, threads);
        float[] accum = downsample(density, h, spec, filter, threads);
        return gamma(accum, spec.width(), spec.height(), tone, threads);
    }

    /**
     * Takes {@code g}'s way from histogram to image ({@link #toImage} at {@code spec}'s oversampling
     * and {@code filter}, density estimation with the loop a JVM's first estimation uses) on a
     * small histogram of made-up counts, {@code times} times or until {@code stop} says so, on the
     * calling thread: see {@link ToneWarmUp}. Returns how many times it ran.
     */
    static int rehearse(CompiledGenome g, RenderSpec spec, double pixelsPerUnit, SpatialFilter filter, int times,
                        java.util.function.BooleanSupplier stop) {
        Tone tone = g.genome().tone();
        Sampling sampling = g.genome().sampling();
        int os = spec.oversample();
        int w = REHEARSAL_WIDTH, ht = REHEARSAL_HEIGHT;
        RenderSpec small = new RenderSpec(w, ht, spec.quality(), os, spec.seed(), 1);
        int gutter = filter.gutter(os);
        Histogram h = new Histogram(w * os + 2 * gutter, ht * os + 2 * gutter, gutter);
        // background (the left half: its middle is 16 pixels from the right, past the widest
        // kernel of flam3's genomes, radius 9 at any supersample), empty cells,
        // sparse ones that density estimation spreads, dense ones it keeps, and colours bright
        // enough to reach the highlights: every branch the real image may take
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x70E);
        for (int c = 0; c < h.cells.length; c += 4) {
            if ((c / 4) % h.width < h.width / 2 || random.nextInt(4) == 0) {
                continue;
            }
            float n = (float) Math.exp(random.nextDouble(-4, 14));
            h.cells[c] = (float) (n * random.nextDouble(0, 1.2));
            h.cells[c + 1] = (float) (n * random.nextDouble(0, 1.2));
            h.cells[c + 2] = (float) (n * random.nextDouble(0, 1.2));
            h.cells[c + 3] = n;
        }
        double k1 = k1(tone), k2 = k2(tone, small, pixelsPerUnit);
        int done = 0;
        while (done < times && !stop.getAsBoolean()) {
            float[] density = DensityEstimator.apply(h, k1, k2, sampling.estimatorRadius() * os,
                    sampling.estimatorMinimum() * os, sampling.estimatorCurve(), os, 1, false);
            gamma(downsample(density, h, small, filter, 1), w, ht, tone, 1);
            done++;
        }
        return done;
    }

    /** The log-density scale: brightness and contrast at flam3's white level. */
    private static double k1(Tone tone) {
        return tone.contrast() * tone.brightness() * K1_SCALE;
    }

    /** The hit count's normaliser: samples per unit area of the plane at {@code spec}'s size and quality. */
    private static double k2(Tone tone, RenderSpec spec, double pixelsPerUnit) {
        int os = spec.oversample();
        double area = spec.width() * (double) spec.height() / (pixelsPerUnit * pixelsPerUnit);
        return (double) os * os / (tone.contrast() * area * spec.quality());
    }

    /** The size in pixels of {@link #rehearse}'s histogram. */
    static final int REHEARSAL_WIDTH = 64, REHEARSAL_HEIGHT = 12;

    private static float[] downsample(float[] cells, Histogram h, RenderSpec spec, SpatialFilter filter, int threads) {
        int w = spec.width();
        int ht = spec.height();
        float[] out = new float[w * ht * 4];
        Parallel.rows(threads, ht, 16, (from, to) -> downsample(cells, h, spec, filter, out, from, to));
        return out;
    }

    private static void downsample(float[] cells, Histogram h, RenderSpec spec, SpatialFilter filter, float[] out,
                                   int y0, int y1) {
        int w = spec.width();
        int os = spec.oversample();
        int fw = filter.width;
        float[] k = filter.kernel;
        int rowStride = h.width * 4;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                // The filter window's top-left cell; the gutter makes it start at cell (x*os, y*os).
                int base = (y * os) * rowStride + (x * os) * 4;
                float r = 0, gr = 0, b = 0, a = 0;
                for (int j = 0; j < fw; j++) {
                    int row = base + j * rowStride;
                    int kr = j * fw;
                    for (int i = 0; i < fw; i++) {
                        float kv = k[kr + i];
                        int c = row + i * 4;
                        r += kv * cells[c];
                        gr += kv * cells[c + 1];
                        b += kv * cells[c + 2];
                        a += kv * cells[c + 3];
                    }
                }
                int o = (y * w + x) * 4;
                out[o] = r;
                out[o + 1] = gr;
                out[o + 2] = b;
                out[o + 3] = a;
            }
        }
    }

    /**
     * Gamma, vibrancy, highlights and background, per pixel, into [0, 1], on up to {@code threads}
     * threads: the image takes {@code accum} over (each pixel is read before it is written).
     */
    static Image gamma(float[] accum, int width, int height, Tone tone, int threads) {
        Parallel.rows(threads, height, 16, (from, to) -> gamma(accum, width, tone, accum, from * width, to * width));
        return new Image(width, height, accum, tone.background());
    }

    private static void gamma(float[] accum, int width, Tone tone, float[] out, int p0, int p1) {
        double g = 1.0 / tone.gamma();
        double threshold = tone.gammaThreshold();
        double funcval = threshold > 0 ? Math.pow(threshold, g) : 0;
        double vib = tone.vibrancy();
        // At vibrancy 1 (flam3's default) the per-channel gamma's term is 0 times a power: leaving
        // out a pixel's three powers changes no pixel (but one whose power overflows, which that
        // term made not a number).
        boolean perChannel = vib != 1;
        double highpow = tone.highlightPower();
        double[] bg = tone.background();
        float[][] curves = tone.curves().isIdentity() ? null : tone.curves().tables();
        double[] rgb = new double[3];
        for (int p = p0; p < p1; p++) {
            int o = p * 4;
            double tmp = accum[o + 3];
            if (!(tmp > 0)) {
                out[o] = (float) bg[0];
                out[o + 1] = (float) bg[1];
                out[o + 2] = (float) bg[2];
                out[o + 3] = 0;
                continue;
            }
            double alpha;
            if (tmp < threshold) {
                double frac = tmp / threshold;
                alpha = (1 - frac) * tmp * (funcval / threshold) + frac * Math.pow(tmp, g);
            } else {
                alpha = Math.pow(tmp, g);
            }
            double ls = vib * alpha / tmp;
            alpha = Math.min(1, Math.max(0, alpha));
            for (int c = 0; c < 3; c++) {
                rgb[c] = ls * accum[o + c];
            }
            double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
            if (highpow >= 0 && max > 1) {
                highlight(rgb, max, highpow);
            }
            for (int c = 0; c < 3; c++) {
                double ch = accum[o + c];
                double v = perChannel ? rgb[c] + (1 - vib) * (ch > 0 ? Math.pow(ch, g) : 0) + (1 - alpha) * bg[c]
                        : rgb[c] + (1 - alpha) * bg[c];
                out[o + c] = (float) Math.min(1, Math.max(0, v));
                if (curves != null) {
                    out[o + c] = Curves.apply(curves[0], Curves.apply(curves[c + 1], out[o + c]));
                }
            }
            out[o + 3] = (float) alpha;
        }
    }

    /**
     * An over-exposed colour: scaled so its brightest channel is 1, then its saturation reduced
     * by {@code (1/max)^highlightPower}, so that hot spots burn towards white instead of
     * clipping to a false hue.
     */
    private static void highlight(double[] rgb, double max, double highpow) {
        for (int c = 0; c < 3; c++) {
            rgb[c] /= max;
        }
        double ratio = Math.pow(1.0 / max, highpow);
        // HSV with V = 1: channel = 1 - S (1 - f); scaling S by ratio moves each channel towards 1.
        for (int c = 0; c < 3; c++) {
            rgb[c] = 1 - (1 - rgb[c]) * ratio;
        }
    }
}

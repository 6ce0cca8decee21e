package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Curves;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Tone;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The last step to the image: gamma, vibrancy, highlights and background per pixel, checked
 * against the formula written out here; and the rehearsal a JVM's first large render runs of the
 * whole way, which must leave the next image as it would have been.
 */
class ToneMapperTest {

    /** Pixels of every kind: empty, below the gamma threshold, ordinary, and bright enough for the highlights. */
    private static float[] accum(int pixels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[pixels * 4];
        for (int p = 0; p < pixels; p++) {
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                continue;
            }
            double density = kind == 1 ? rnd.nextDouble(0, 0.01) : kind == 2 ? rnd.nextDouble(0.01, 1) : rnd.nextDouble(1, 50);
            a[4 * p + 3] = (float) density;
            for (int c = 0; c < 3; c++) {
                a[4 * p + c] = (float) (density * rnd.nextDouble(0, 1.3));
            }
        }
        return a;
    }

    /** flam3's per-pixel formula, with vibrancy's per-channel gamma always computed. */
    private static float[] expected(float[] accum, Tone tone) {
        float[] out = new float[accum.length];
        double g = 1.0 / tone.gamma(), threshold = tone.gammaThreshold(), vib = tone.vibrancy();
        double funcval = threshold > 0 ? Math.pow(threshold, g) : 0;
        double[] bg = tone.background();
        for (int o = 0; o < accum.length; o += 4) {
            double tmp = accum[o + 3];
            if (!(tmp > 0)) {
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (float) bg[c];
                }
                continue;
            }
            double alpha = tmp < threshold
                    ? (1 - tmp / threshold) * tmp * (funcval / threshold) + tmp / threshold * Math.pow(tmp, g)
                    : Math.pow(tmp, g);
            double ls = vib * alpha / tmp;
            alpha = Math.min(1, Math.max(0, alpha));
            double[] rgb = new double[3];
            for (int c = 0; c < 3; c++) {
                rgb[c] = ls * accum[o + c];
            }
            double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
            if (tone.highlightPower() >= 0 && max > 1) {
                double ratio = Math.pow(1.0 / max, tone.highlightPower());
                for (int c = 0; c < 3; c++) {
                    rgb[c] = 1 - (1 - rgb[c] / max) * ratio;
                }
            }
            for (int c = 0; c < 3; c++) {
                double ch = accum[o + c];
                double v = rgb[c] + (1 - vib) * (ch > 0 ? Math.pow(ch, g) : 0) + (1 - alpha) * bg[c];
                out[o + c] = (float) Math.min(1, Math.max(0, v));
            }
            out[o + 3] = (float) alpha;
        }
        return out;
    }

    @Test
    void gammaIsFlam3sFormulaAtEveryVibrancy() {
        for (double vibrancy : new double[] {1, 0.6, 0}) {
            for (double highlights : new double[] {-1, 0.5}) {
                Tone tone = new Tone(4, 1, 3.2, 0.01, vibrancy, highlights, new double[] {0.1, 0.05, 0.2}, Curves.IDENTITY);
                float[] accum = accum(37 * 23, 3);
                float[] want = expected(accum, tone);
                for (int threads : new int[] {1, 3}) {
                    Image img = ToneMapper.gamma(accum.clone(), 37, 23, tone, threads);
                    assertArrayEquals(want, img.rgba(), "vibrancy " + vibrancy + ", highlight power " + highlights
                            + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void theRehearsalLeavesTheNextImageAsItWas() {
        Genome genome = TestImages.genome("/golden/julia-swirl.flame");
        CompiledGenome g = CompiledGenome.compile(genome);
        RenderSpec spec = new RenderSpec(96, 54, 30, 2, 9, 1);
        Image before = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        SpatialFilter filter = new SpatialFilter(genome.sampling().filterShape(), genome.sampling().filterRadius(), 2);
        // another estimator radius first, so that the kernels kept for the next estimation are not the render's
        RenderSpec other = new RenderSpec(96, 54, 30, 3, 9, 1);
        assertEquals(25, ToneMapper.rehearse(g, other, 80, new SpatialFilter("gaussian", 1.5, 3), 25, () -> false));
        assertEquals(40, ToneMapper.rehearse(g, spec, genome.camera().pixelsPerUnit(), filter, 40, () -> false));
        Image after = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        assertArrayEquals(before.rgba(), after.rgba());
    }

    @Test
    void theRehearsalStopsWhenTheImageIsWanted() {
        Genome genome = TestImages.genome("/golden/julia-swirl.flame");
        CompiledGenome g = CompiledGenome.compile(genome);
        RenderSpec spec = new RenderSpec(96, 54, 30, 1, 9, 1);
        int[] asked = {0};
        int done = ToneMapper.rehearse(g, spec, genome.camera().pixelsPerUnit(),
                new SpatialFilter(genome.sampling().filterShape(), genome.sampling().filterRadius(), 1), 1_000,
                () -> ++asked[0] > 3);
        assertEquals(3, done);
    }

    @Test
    void onlyLargeRendersThatLeaveACoreIdleRehearse() {
        assertTrue(ToneWarmUp.due(46_080_000, 1, 2), "a 640x360 still on one thread of two cores");
        assertFalse(ToneWarmUp.due(46_080_000, 2, 2), "every core renders");
        assertFalse(ToneWarmUp.due(46_080_000, 1, 1), "one core");
        assertFalse(ToneWarmUp.due(11_520, 1, 8), "a thumbnail");
    }
}

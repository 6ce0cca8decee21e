package bloom.flame.fold;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Xform;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepFolderTest {

    private static final Genome BASE = TestImages.genome("/golden/julia-swirl.flame");
    private static final int K = 16;

    private static float[] sketch(SplittableRandom rng, double scale) {
        float[] s = new float[K];
        for (int i = 0; i < K; i++) {
            s[i] = (float) (rng.nextGaussian() * scale);
        }
        return s;
    }

    private static double distance(Genome a, Genome b) {
        double d = 0;
        for (int i = 0; i < a.xforms().size(); i++) {
            double[] x = a.xforms().get(i).pre().toArray();
            double[] y = b.xforms().get(i).pre().toArray();
            for (int j = 0; j < 6; j++) {
                d += (x[j] - y[j]) * (x[j] - y[j]);
            }
        }
        return Math.sqrt(d);
    }

    @Test
    void biggerStepsMoveTheGenomeFurtherButBoundedly() {
        double previous = 0;
        for (double ratio : new double[] {0.1, 1, 1.5}) { // offsets well inside their bounds
            Genome g = new StepFolder(BASE, K, FoldSettings.defaults(3)).fold(sketch(new SplittableRandom(1), 1), ratio);
            double d = distance(BASE, g);
            assertTrue(d > previous, "ratio " + ratio + " moved " + d + ", not more than " + previous);
            previous = d;
        }
        for (double ratio : new double[] {3, 30, 1e6, 1e300}) {
            Genome g = new StepFolder(BASE, K, FoldSettings.defaults(3)).fold(sketch(new SplittableRandom(1), 1), ratio);
            for (int i = 0; i < g.xforms().size(); i++) {
                double[] c = g.xforms().get(i).pre().toArray();
                double[] b = BASE.xforms().get(i).pre().toArray();
                for (int j = 0; j < 6; j++) {
                    double bound = j < 4 ? 0.35 : 0.5;
                    assertTrue(Math.abs(c[j] - b[j]) <= bound + 1e-12, "ratio " + ratio + ": coefficient " + j
                            + " of xform " + i + " moved " + (c[j] - b[j]) + ", beyond its bound " + bound);
                }
            }
        }
    }

    /**
     * Wherever the genome has wandered, the next frame differs from this one by the size of the
     * next step: with memory 1 the distance between consecutive genomes grows with the step's
     * ratio (rank correlation over 400 random steps; a saturating map fails this once offsets
     * reach their bounds, which these steps do within a few dozen frames).
     */
    @Test
    void frameToFrameMovementFollowsTheStepSizeEverywhere() {
        StepFolder f = new StepFolder(BASE, K, new FoldSettings(0.05, 1, 1.0, 0.35, 0.5, false, false, 11));
        SplittableRandom rng = new SplittableRandom(12);
        float[] drift = sketch(rng, 1); // a persistent direction, as momentum gives
        Genome previous = f.fold(drift, 1);
        int n = 400;
        double[] ratios = new double[n];
        double[] moves = new double[n];
        for (int t = 0; t < n; t++) {
            float[] s = sketch(rng, 0.5);
            for (int i = 0; i < K; i++) {
                s[i] += drift[i];
            }
            ratios[t] = Math.exp(rng.nextGaussian() * 0.3);
            Genome g = f.fold(s, ratios[t]);
            moves[t] = distance(previous, g);
            previous = g;
        }
        double rho = spearman(ratios, moves);
        assertTrue(rho > 0.8, "consecutive genomes moved with the step size at rank correlation " + rho);
    }

    @Test
    void theTriangleWaveIsTheIdentityNearZeroAndReflectsAtTheBounds() {
        for (double x = -0.99; x < 1; x += 0.01) {
            assertEquals(x, StepFolder.triangle(x), 1e-12);
        }
        assertEquals(0.75, StepFolder.triangle(1.25), 1e-12);
        assertEquals(-0.75, StepFolder.triangle(-1.25), 1e-12);
        assertEquals(0.5, StepFolder.triangle(4.5), 1e-12);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = rng.nextDouble(-1e6, 1e6);
            double h = rng.nextDouble(-3, 3);
            double y = StepFolder.triangle(x);
            assertTrue(Math.abs(y) <= 1, "bounded at " + x);
            assertTrue(Math.abs(StepFolder.triangle(x + h) - y) <= Math.abs(h) + 1e-9, "1-Lipschitz at " + x);
        }
    }

    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[order[i]] = i;
        }
        return r;
    }

    /** No sequence of steps, however wild, makes the genome invalid or collapses its image. */
    @Test
    void explodingAndNonFiniteStepsKeepTheGenomeRenderable() {
        StepFolder f = new StepFolder(BASE, K, FoldSettings.defaults(9));
        SplittableRandom rng = new SplittableRandom(2);
        Genome g = BASE;
        for (int t = 0; t < 300; t++) {
            float[] s = sketch(rng, t % 50 == 0 ? 1e30 : 1);
            if (t % 77 == 0) {
                s[3] = Float.NaN;
            }
            double ratio = t % 40 == 0 ? 1e9 : t % 91 == 0 ? Double.POSITIVE_INFINITY : rng.nextDouble(0.2, 3);
            g = f.fold(s, ratio);
        }
        Image img = new CpuRenderer().render(CompiledGenome.compile(g), new RenderSpec(64, 48, 20, 1, 1, 1),
                Renderer.Progress.NONE);
        int lit = 0;
        for (int i = 3; i < img.rgba().length; i += 4) {
            if (img.rgba()[i] > 0) {
                lit++;
            }
        }
        assertTrue(lit > 64 * 48 / 50, "the attractor still covers part of the frame: " + lit + " pixels");
    }

    @Test
    void nonFiniteStepsMoveNothing() {
        StepFolder f = new StepFolder(BASE, K, new FoldSettings(0.02, 1, 1.0, 0.35, 0.5, false, false, 1));
        Genome before = f.fold(sketch(new SplittableRandom(4), 1), 1);
        float[] nan = sketch(new SplittableRandom(5), 1);
        nan[0] = Float.NaN;
        assertEquals(before, f.fold(nan, 1));
        assertEquals(before, f.fold(sketch(new SplittableRandom(6), 1), Double.NaN));
    }

    @Test
    void xformsNotMarkedAnimateKeepTheirShape() {
        List<Xform> xs = new ArrayList<>();
        for (int i = 0; i < BASE.xforms().size(); i++) {
            Xform x = BASE.xforms().get(i);
            xs.add(new Xform(x.weight(), x.colour(), x.colourSpeed(), x.opacity(), x.pre(), x.post(), x.variations(),
                    x.xaos(), i != 1, x.name()));
        }
        Genome base = BASE.withXforms(xs);
        Genome g = new StepFolder(base, K, FoldSettings.defaults(1)).fold(sketch(new SplittableRandom(7), 1), 2);
        assertEquals(base.xforms().get(1), g.xforms().get(1));
        assertTrue(!base.xforms().get(0).equals(g.xforms().get(0)));
    }

    @Test
    void foldingIsDeterministic() {
        Genome a = new StepFolder(BASE, K, FoldSettings.defaults(5)).fold(sketch(new SplittableRandom(8), 1), 1.5);
        Genome b = new StepFolder(BASE, K, FoldSettings.defaults(5)).fold(sketch(new SplittableRandom(8), 1), 1.5);
        assertEquals(a, b);
    }
}

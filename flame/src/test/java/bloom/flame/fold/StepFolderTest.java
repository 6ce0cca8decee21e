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
        SplittableRandom rng = new SplittableRandom(1);
        double previous = 0;
        for (double ratio : new double[] {0.1, 1, 3, 30, 1e6}) {
            StepFolder f = new StepFolder(BASE, K, FoldSettings.defaults(3));
            Genome g = f.fold(sketch(new SplittableRandom(1), 1), ratio);
            double d = distance(BASE, g);
            assertTrue(d > previous, "ratio " + ratio + " moved " + d + ", not more than " + previous);
            previous = d;
            for (Xform x : g.xforms()) {
                for (double c : x.pre().toArray()) {
                    assertTrue(Double.isFinite(c));
                }
            }
        }
        assertTrue(previous < 0.5 * Math.sqrt(6 * BASE.xforms().size()) + 1e-9, "offsets stay within their bounds");
        rng.nextInt();
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
        StepFolder f = new StepFolder(BASE, K, new FoldSettings(0.02, 1.0, 0.35, 0.5, false, false, 1));
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

package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Affine;
import bloom.flame.genome.Genome;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.variation.Variations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuRendererTest {

    private static final Genome GENOME = TestImages.genome("/golden/julia-swirl.flame");

    private static Image render(Genome g, long seed, int threads, double quality) {
        RenderSpec spec = new RenderSpec(120, 90, quality, 1, seed, threads);
        return new CpuRenderer().render(CompiledGenome.compile(g), spec, Renderer.Progress.NONE);
    }

    @Test
    void sameSeedAndThreadsGiveTheSameImage() {
        assertArrayEquals(render(GENOME, 5, 2, 20).rgba(), render(GENOME, 5, 2, 20).rgba());
        assertArrayEquals(render(GENOME, 5, 1, 20).rgba(), render(GENOME, 5, 1, 20).rgba());
    }

    @Test
    void seedsAndThreadCountsChangeOnlyTheNoise() {
        Image a = render(GENOME, 5, 1, 200);
        Image b = render(GENOME, 6, 1, 200);
        Image c = render(GENOME, 5, 3, 200);
        assertFalse(java.util.Arrays.equals(a.rgba(), b.rgba()), "another seed draws other samples");
        assertTrue(Similarity.ssim(a, b, 2) > 0.9, "seeds differ only by noise: " + Similarity.ssim(a, b, 2));
        assertTrue(Similarity.ssim(a, c, 2) > 0.9, "threads differ only by noise: " + Similarity.ssim(a, c, 2));
    }

    /** Density estimation, filter and tone mapping run on the render's threads; the image is that of one thread. */
    @Test
    void toneMappingOnSeveralThreadsGivesTheImageOfOne() {
        RenderSpec spec = new RenderSpec(120, 90, 30, 1, 5, 3);
        CpuRenderer one = new CpuRenderer();
        one.limitParallelism(1);
        Image a = one.render(CompiledGenome.compile(GENOME), spec, Renderer.Progress.NONE);
        Image b = new CpuRenderer().render(CompiledGenome.compile(GENOME), spec, Renderer.Progress.NONE);
        assertTrue(GENOME.sampling().estimatorRadius() > 1, "the genome spreads its sparse cells");
        assertArrayEquals(a.rgba(), b.rgba());
    }

    @Test
    void progressReachesOne() {
        double[] last = {0};
        new CpuRenderer().render(CompiledGenome.compile(GENOME), new RenderSpec(60, 40, 50, 1, 1, 2),
                f -> last[0] = Math.max(last[0], f));
        assertTrue(last[0] == 1.0);
    }

    /** An xform that throws points to infinity must not crash the render or poison the image. */
    @Test
    void divergentGenomeRendersFinitePixels() {
        List<Xform> xs = new ArrayList<>(GENOME.xforms());
        xs.add(new Xform(2, 0.5, 0.5, 1, new Affine(40, 0, 0, 40, 0, 0), Affine.IDENTITY,
                List.of(VariationTerm.of(Variations.byName("spherical").orElseThrow(), 1),
                        VariationTerm.of(Variations.byName("exponential").orElseThrow(), 3)),
                new double[0], true, "wild"));
        Image img = render(GENOME.withXforms(xs), 3, 2, 50);
        for (float v : img.rgba()) {
            assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, "pixel value " + v);
        }
    }

    @Test
    void oversamplingKeepsTheStructure() {
        Image one = render(GENOME, 5, 2, 200);
        Image two = new CpuRenderer().render(CompiledGenome.compile(GENOME), new RenderSpec(120, 90, 200, 2, 5, 2),
                Renderer.Progress.NONE);
        assertTrue(Similarity.ssim(one, two, 2) > 0.85, "SSIM " + Similarity.ssim(one, two, 2));
    }

    /**
     * palette_mode="linear" reads the palette as flam3 does: entry i at colour i/256, blended
     * with entry i+1 between. Every point here has colour 100/256; entry 100 is the only red
     * one, so the image must be red (read at i/255, as it once was, it is a third blue).
     */
    @Test
    void linearPaletteModeIndexesAsFlam3() {
        StringBuilder pal = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            pal.append(i == 100 ? "FF0000" : "0000FF");
        }
        String c = Double.toString(100 / 256.0);
        String xml = "<flame size=\"32 32\" scale=\"10\" palette_mode=\"linear\">"
                + "<xform weight=\"1\" color=\"" + c + "\" color_speed=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 0.5 0\"/>"
                + "<xform weight=\"1\" color=\"" + c + "\" color_speed=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 -0.5 0\"/>"
                + "<palette count=\"256\" format=\"RGB\">" + pal + "</palette></flame>";
        Genome g = bloom.flame.xml.FlameXml.parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "linear.flame").get(0);
        Image img = new CpuRenderer().render(CompiledGenome.compile(g), new RenderSpec(32, 32, 50, 1, 3, 1), Renderer.Progress.NONE);
        double red = 0, blue = 0;
        float[] px = img.rgba();
        for (int i = 0; i < px.length; i += 4) {
            red += px[i];
            blue += px[i + 2];
        }
        assertTrue(red > 0 && blue < 0.01 * red, "red " + red + ", blue " + blue);
    }

    /**
     * The one test for the four edges places every point where the four tests did: inside the
     * frame in the cell of its integer parts, outside it nowhere; points at, just inside and just
     * outside each edge, far outside, at infinity and at random, on histograms of several shapes.
     */
    @Test
    void aPointLandsInTheCellTheFourEdgeTestsGaveIt() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        double[] special = {0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, -1e-300, 0.5, 1, -0.5, -1, -1.5, 1e9, -1e9, 3e9, -3e9,
            1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {640, 360}, {4106, 2316}, {46341, 46340}}) {
            int hw = size[0], hh = size[1];
            List<Double> us = new ArrayList<>(), vs = new ArrayList<>();
            for (double s : special) {
                us.add(s);
                vs.add(s);
            }
            for (double edge : new double[] {hw, hw - 1}) {
                us.add(edge);
                us.add(Math.nextDown(edge));
                us.add(Math.nextUp(edge));
            }
            for (double edge : new double[] {hh, hh - 1}) {
                vs.add(edge);
                vs.add(Math.nextDown(edge));
                vs.add(Math.nextUp(edge));
            }
            for (int i = 0; i < 200; i++) {
                us.add(rnd.nextDouble(-0.5 * hw, 1.5 * hw));
                vs.add(rnd.nextDouble(-0.5 * hh, 1.5 * hh));
            }
            for (double u : us) {
                for (double v : vs) {
                    int expected = u >= 0 && v >= 0 && u < hw && v < hh ? ((int) v) * hw + (int) u : -1;
                    if (expected != CpuRenderer.cell(u, v, hw, hh)) {
                        org.junit.jupiter.api.Assertions.fail("(" + u + ", " + v + ") on " + hw + "x" + hh + ": expected cell "
                                + expected + ", got " + CpuRenderer.cell(u, v, hw, hh));
                    }
                }
            }
        }
    }
}

package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Affine;
import bloom.flame.genome.Camera;
import bloom.flame.genome.Genome;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.variation.Variation;
import bloom.flame.variation.Variations;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up of a JVM's first render ({@link CpuRenderer#warmUp}): its stream and histogram are
 * its own, and the points it makes diverge on purpose go through every variation and both ways of
 * plotting without harm.
 */
class WarmUpTest {

    private static final Genome GENOME = TestImages.genome("/golden/julia-swirl.flame");
    /** Enough steps for three diverged points, one of them on a trajectory that diverged four times already. */
    private static final int STEPS = 200;

    private static Projection projection(Genome g, int width, int height) {
        return Projection.of(g.camera().resized(width, height), 1, width, height);
    }

    @Test
    void leavesTheImageAsItWas() {
        CompiledGenome g = CompiledGenome.compile(GENOME);
        RenderSpec spec = new RenderSpec(120, 90, 20, 1, 5, 2);
        Image before = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        CpuRenderer.WarmUp w = CpuRenderer.warmUp(g, projection(GENOME, 120, 90), 2_000);
        Image after = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        assertArrayEquals(before.rgba(), after.rgba());
        assertPlotted(w, "julia-swirl");
    }

    /**
     * A render whose genome has variations no render of this JVM has run warms up again (the JIT
     * has their code to compile) and, on two threads, starts the second after the first stream's
     * first round; the next render of it does neither. Both draw the same image. The variations
     * take no sines, whose compiled and uncompiled vector forms differ in the last bit.
     */
    @Test
    void variationsNotRenderedBeforeWarmUpAgainAndLeaveTheImageAsItWas() {
        List<String> names = List.of("bubble", "horseshoe", "eyefish");
        List<Xform> xs = new java.util.ArrayList<>();
        for (int i = 0; i < GENOME.xforms().size(); i++) {
            Xform x = GENOME.xforms().get(i);
            xs.add(new Xform(x.weight(), x.colour(), x.colourSpeed(), x.opacity(), x.pre(), x.post(),
                    List.of(VariationTerm.of(Variations.byName(names.get(i % names.size())).orElseThrow(), 1),
                            VariationTerm.of(Variations.byName("linear").orElseThrow(), 0.5)),
                    x.xaos(), x.animate(), x.name()));
        }
        CompiledGenome g = CompiledGenome.compile(GENOME.withXforms(xs));
        RenderSpec spec = new RenderSpec(160, 90, 140, 1, 5, 2); // 2.0 M iterations: enough to warm up
        new CpuRenderer().render(CompiledGenome.compile(GENOME), spec, Renderer.Progress.NONE); // not this JVM's first
        boolean unseen = java.util.Arrays.stream(g.termVariation()).anyMatch(v -> !CpuRenderer.seen(v));
        int before = CpuRenderer.warmUps();
        Image first = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        assertEquals(before + (unseen ? 1 : 0), CpuRenderer.warmUps(), "a warm-up for variations not rendered before");
        assertTrue(java.util.Arrays.stream(g.termVariation()).allMatch(CpuRenderer::seen));
        Image second = new CpuRenderer().render(g, spec, Renderer.Progress.NONE);
        assertEquals(before + (unseen ? 1 : 0), CpuRenderer.warmUps(), "no second warm-up for the same variations");
        assertArrayEquals(first.rgba(), second.rgba());
    }

    /** Each variation with the genome's first xform, then through a final xform and the 3-D camera. */
    @TestFactory
    Stream<DynamicTest> everyVariationTakesItsDivergedPoints() {
        return Variations.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Genome g = withVariation(v);
            assertPlotted(CpuRenderer.warmUp(CompiledGenome.compile(g), projection(g, 64, 48), STEPS), v.name());
            Genome view = g.withCamera(new Camera(64, 48, 0, 0, 20, 0, 0, new Camera.View3D(0.6, 0.3, 0.2, 0, 0.1)));
            Xform last = new Xform(0, 0, 0, 1, new Affine(0.9, 0.1, -0.1, 0.9, 0, 0), Affine.IDENTITY,
                    List.of(VariationTerm.of(Variations.byName("linear").orElseThrow(), 1)), new double[0], true, "");
            Genome full = new Genome(view.name(), view.xforms(), Optional.of(last), view.palette(),
                    view.linearPalette(), view.camera(), view.sampling(), view.tone(), view.extras());
            assertPlotted(CpuRenderer.warmUp(CompiledGenome.compile(full), projection(full, 64, 48), STEPS),
                    v.name() + " (final xform, 3-D)");
        }));
    }

    /**
     * The points the warm-up moves outside the frame lie one cell past each edge in turn, halfway
     * along it, whatever the camera's rotation: so the plot's edge test fails at each edge in turn.
     */
    @Test
    void pointsOutsideTheFrameLieJustPastEachEdge() {
        for (double rotate : new double[] {0, 30, 90, 200}) {
            Camera c = GENOME.camera();
            Camera turned = new Camera(c.width(), c.height(), c.centerX() + 0.3, c.centerY() - 0.2, c.scale(), c.zoom(),
                    rotate);
            Projection p = Projection.of(turned.resized(160, 90), 2, 330, 190);
            double[] points = CpuRenderer.outside(p);
            for (int edge = 0; edge < 4; edge++) {
                double dx = points[2 * edge] - p.cx(), dy = points[2 * edge + 1] - p.cy();
                double u = (p.cos() * dx - p.sin() * dy) * p.cellsPerUnit() + p.offX();
                double v = (p.sin() * dx + p.cos() * dy) * p.cellsPerUnit() + p.offY();
                double[] expected = {edge == 0 ? -1 : edge == 2 ? 331 : 165, edge == 1 ? -1 : edge == 3 ? 191 : 95};
                String where = "rotation " + rotate + ", edge " + edge;
                assertEquals(expected[0], u, 1e-9, where);
                assertEquals(expected[1], v, 1e-9, where);
            }
        }
    }

    /** A histogram beyond the caches is plotted in tile order; the warm-up plots that way too. */
    @Test
    void plotsInTileOrderForLargeHistograms() {
        CompiledGenome g = CompiledGenome.compile(GENOME);
        Projection p = projection(GENOME, 2400, 1200);
        assertTrue(CpuRenderer.sortsPlots(p));
        assertPlotted(CpuRenderer.warmUp(g, p, STEPS), "julia-swirl, 2400x1200");
    }

    private static Genome withVariation(Variation v) {
        Xform first = GENOME.xforms().get(0);
        List<VariationTerm> terms = List.of(VariationTerm.of(v, 1));
        if (v.base().isPresent()) {
            terms = List.of(VariationTerm.of(v, 1), VariationTerm.of(Variations.byName("linear").orElseThrow(), 1));
        }
        Xform x = new Xform(first.weight(), first.colour(), first.colourSpeed(), first.opacity(), first.pre(),
                first.post(), terms, first.xaos(), first.animate(), first.name());
        List<Xform> xs = new java.util.ArrayList<>(GENOME.xforms());
        xs.set(0, x);
        return GENOME.withXforms(xs);
    }

    /** The warm-up plotted, only finite values, and left every trajectory at a finite point. */
    private static void assertPlotted(CpuRenderer.WarmUp w, String what) {
        assertTrue(w.finite(), what + ": a diverged point was not restarted");
        float[] cells = w.cells();
        double hits = 0;
        for (int i = 0; i < cells.length; i++) {
            assertTrue(Float.isFinite(cells[i]) && cells[i] >= 0, what + ": cell value " + cells[i]);
            if (i % 4 == 3) {
                hits += cells[i];
            }
        }
        assertTrue(hits > 0, what + ": nothing plotted");
    }
}

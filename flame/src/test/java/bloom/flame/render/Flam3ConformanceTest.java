package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random genomes made by flam3-genome (any of flam3's 99 variations, xaos, symmetry, final
 * xforms), rendered by flam3-render with two seeds (src/test/resources/conformance,
 * make-conformance.sh). Bloom must agree with flam3 about as well as flam3 agrees with itself:
 * SSIM of luminance after a 2x downsample at most 0.03 below the flam3-against-flam3 score, and
 * mean luminance within 10%. The per-genome scores are printed.
 */
class Flam3ConformanceTest {

    @TestFactory
    Stream<DynamicTest> bloomAgreesWithFlam3AsFlam3AgreesWithItself() {
        return IntStream.rangeClosed(1, 12).mapToObj(i -> String.format(Locale.ROOT, "g%02d", i))
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Genome g = TestImages.genome("/conformance/" + name + ".flam3");
                    Image a = TestImages.png("/conformance/" + name + ".flam3-a.png");
                    Image b = TestImages.png("/conformance/" + name + ".flam3-b.png");
                    RenderSpec spec = new RenderSpec(g.camera().width(), g.camera().height(), g.sampling().quality(),
                            g.sampling().oversample(), 3, 2);
                    Image bloom = new CpuRenderer().render(CompiledGenome.compile(g), spec, Renderer.Progress.NONE);
                    double floor = Similarity.ssim(a, b, 2);
                    double score = Similarity.ssim(bloom, a, 2);
                    double lb = TestImages.meanLuminance(bloom);
                    double la = TestImages.meanLuminance(a);
                    System.out.printf(Locale.ROOT, "conformance %s: SSIM bloom-flam3 %.3f, flam3-flam3 %.3f; "
                            + "mean luminance bloom %.4f, flam3 %.4f%n", name, score, floor, lb, la);
                    assertTrue(score >= floor - 0.03, name + ": SSIM " + score + " against flam3's own " + floor);
                    assertEquals(la, lb, 0.10 * la + 0.002, name + ": luminance");
                }));
    }
}

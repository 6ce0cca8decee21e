package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Sampling;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpatialFilterTest {

    @TestFactory
    Stream<DynamicTest> everyShapeIsANormalisedSymmetricKernel() {
        assertEquals(14, SpatialFilter.shapeNames().size(), "flam3 has 14 filter shapes");
        return SpatialFilter.shapeNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            for (int os = 1; os <= 3; os++) {
                SpatialFilter f = new SpatialFilter(name, 0.75, os);
                assertEquals(os % 2, f.width % 2, "width keeps the parity of the oversampling");
                double sum = 0;
                for (int j = 0; j < f.width; j++) {
                    for (int i = 0; i < f.width; i++) {
                        sum += f.kernel[j * f.width + i];
                        assertEquals(f.kernel[j * f.width + i], f.kernel[i * f.width + j], 1e-7, "symmetric");
                        assertEquals(f.kernel[j * f.width + i], f.kernel[(f.width - 1 - j) * f.width + (f.width - 1 - i)], 1e-7);
                    }
                }
                assertEquals(1.0, sum, 1e-5);
            }
            Genome g = TestImages.genome("/golden/julia-swirl.flame");
            Sampling s = g.sampling();
            g = g.withSampling(new Sampling(s.quality(), 2, 1.0, name, s.estimatorRadius(), s.estimatorMinimum(),
                    s.estimatorCurve(), s.fuse()));
            Image img = new CpuRenderer().render(CompiledGenome.compile(g), new RenderSpec(80, 60, 20, 2, 1, 1),
                    Renderer.Progress.NONE);
            assertTrue(TestImages.meanLuminance(img) > 0.05, name + " renders an image");
        }));
    }
}

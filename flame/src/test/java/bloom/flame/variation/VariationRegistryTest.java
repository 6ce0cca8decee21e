package bloom.flame.variation;

import bloom.flame.genome.Affine;
import bloom.flame.genome.Camera;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Palette;
import bloom.flame.genome.Sampling;
import bloom.flame.genome.Tone;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.xml.FlameXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties every registered variation must have. */
class VariationRegistryTest {

    /** flam3 3.1's 99 variations, in its numbering (0-19 are the paper's V0-V19). */
    private static final List<String> FLAM3 = List.of("linear", "sinusoidal", "spherical", "swirl", "horseshoe",
            "polar", "handkerchief", "heart", "disc", "spiral", "hyperbolic", "diamond", "ex", "julia", "bent", "waves",
            "fisheye", "popcorn", "exponential", "power", "cosine", "rings", "fan", "blob", "pdj", "fan2", "rings2",
            "eyefish", "bubble", "cylinder", "perspective", "noise", "julian", "juliascope", "blur", "gaussian_blur",
            "radial_blur", "pie", "ngon", "curl", "rectangles", "arch", "tangent", "square", "rays", "blade", "secant2",
            "twintrian", "cross", "disc2", "super_shape", "flower", "conic", "parabola", "bent2", "bipolar", "boarders",
            "butterfly", "cell", "cpow", "curve", "edisc", "elliptic", "escher", "foci", "lazysusan", "loonie",
            "pre_blur", "modulus", "oscilloscope", "polar2", "popcorn2", "scry", "separation", "split", "splits",
            "stripes", "wedge", "wedge_julia", "wedge_sph", "whorl", "waves2", "exp", "log", "sin", "cos", "tan", "sec",
            "csc", "cot", "sinh", "cosh", "tanh", "sech", "csch", "coth", "auger", "flux", "mobius");

    @Test
    void registryHoldsFlam3sVariationsUnderTheirXmlNames() {
        assertEquals(99, FLAM3.size());
        for (int i = 0; i < FLAM3.size(); i++) {
            assertTrue(Variations.byName(FLAM3.get(i)).isPresent(), "missing variation " + FLAM3.get(i));
            assertEquals(i, Variations.byName(FLAM3.get(i)).get().id(), FLAM3.get(i) + " keeps flam3's number");
        }
        Set<String> names = new HashSet<>();
        for (Variation v : Variations.all()) {
            assertTrue(names.add(v.name()), "duplicate " + v.name());
            assertEquals(v, Variations.byId(v.id()));
            for (Parameter p : v.parameters()) {
                assertTrue(p.name().startsWith(v.name() + "_"), p.name() + " is not prefixed with " + v.name());
                assertEquals(Optional.of(v), Variations.byParameter(p.name()));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> finiteOutputOnRandomInputs() {
        return Variations.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            SplittableRandom rng = new SplittableRandom(v.name().hashCode());
            IterationState s = new IterationState(42);
            double[] params = randomParameters(v, rng);
            for (int i = 0; i < 20_000; i++) {
                s.tx = rng.nextDouble(-3, 3);
                s.ty = rng.nextDouble(-3, 3);
                s.tz = rng.nextDouble(-3, 3);
                s.moved();
                if (s.tx * s.tx + s.ty * s.ty < 1e-6) {
                    continue;
                }
                s.a = rng.nextDouble(-1, 1);
                s.b = rng.nextDouble(-1, 1);
                s.c = rng.nextDouble(-1, 1);
                s.d = rng.nextDouble(-1, 1);
                s.e = rng.nextDouble(-1, 1);
                s.f = rng.nextDouble(-1, 1);
                s.px = 0;
                s.py = 0;
                s.pz = 0;
                if (v.stage() == Variation.Stage.POST) { // a post-variation maps the sum of the others
                    s.px = rng.nextDouble(-3, 3);
                    s.py = rng.nextDouble(-3, 3);
                    s.pz = rng.nextDouble(-3, 3);
                    if (s.px * s.px + s.py * s.py < 1e-6) {
                        continue;
                    }
                }
                v.apply(s, rng.nextDouble(0.1, 1), params, 0);
                assertTrue(Double.isFinite(s.px) && Double.isFinite(s.py) && Double.isFinite(s.pz),
                        v.name() + " at (" + s.tx + ", " + s.ty + ", " + s.tz + ") gave (" + s.px + ", " + s.py + ", " + s.pz + ")");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> parametersRoundTripThroughXml() {
        return Variations.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            SplittableRandom rng = new SplittableRandom(v.id());
            VariationTerm term = new VariationTerm(v, rng.nextDouble(0.1, 2), randomParameters(v, rng));
            Xform x = new Xform(1, 0.3, 0.5, 1, new Affine(0.5, 0.1, -0.2, 0.6, 0.1, -0.3), Affine.IDENTITY,
                    List.of(term), new double[0], true, "");
            Genome g = new Genome("rt", List.of(x), Optional.empty(), Palette.greyRamp(), false,
                    new Camera(64, 48, 0, 0, 20, 0, 0), Sampling.DEFAULT, Tone.DEFAULT, Map.of());
            String xml = "<flames>" + FlameXml.toXml(g) + "</flames>";
            Genome back = FlameXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), v.name()).get(0);
            List<VariationTerm> read = back.xforms().get(0).variations();
            assertEquals(term, read.get(0));
            boolean passThrough = v.base().isPresent(); // an xform of only a pre_/post_ form gets linear, as in Ember
            assertEquals(passThrough ? 2 : 1, read.size(), read.toString());
        }));
    }

    /** Random values, kept away from zero for parameters that divide (powers, sides). */
    static double[] randomParameters(Variation v, SplittableRandom rng) {
        double[] p = v.defaults();
        for (int i = 0; i < p.length; i++) {
            double r = rng.nextDouble(0.5, 3) * (rng.nextBoolean() ? 1 : -1);
            p[i] = v.parameters().get(i).name().endsWith("power") ? Math.rint(r) == 0 ? 2 : Math.rint(r) : r;
        }
        return p;
    }
}

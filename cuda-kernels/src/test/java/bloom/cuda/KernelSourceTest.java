package bloom.cuda;

import bloom.cuda.build.KernelSource;
import bloom.flame.variation.Variation;
import bloom.flame.variation.Variations;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's variations are generated from the registry's source: every registered variation
 * must be found there, under its id, with a body, so none can lack its GPU form.
 */
class KernelSourceTest {

    static final Path SOURCES = Path.of("..", "flame", "src", "main", "java", "bloom", "flame", "variation");

    @Test
    void everyRegisteredVariationHasItsGpuFormUnderItsId() throws Exception {
        List<KernelSource.Entry> entries = KernelSource.entries(SOURCES);
        List<Variation> all = Variations.all();
        List<Variation> declared = all.stream().filter(v -> v.base().isEmpty()).toList();
        assertEquals(declared.size(), entries.size(), "variations in the source against the registry");
        assertEquals(declared, all.subList(0, declared.size()), "the staged forms come after every declared variation");
        for (Variation v : declared) {
            KernelSource.Entry e = entries.get(v.id());
            assertEquals(v.name(), e.name(), "id " + v.id());
            assertFalse(e.body().isBlank(), v.name() + " has an empty body");
        }
        String cuda = KernelSource.generate(SOURCES);
        for (Variation v : all) {
            assertTrue(cuda.contains("case " + v.id() + ": { // " + v.name() + "\n"), v.name() + " missing from the kernel");
        }
        assertTrue(cuda.contains("#define BLOOM_VARIATION_COUNT " + all.size()));
    }

    @Test
    void javaSpellingsBecomeCuda() throws Exception {
        String all = KernelSource.generate(SOURCES);
        String cuda = all.substring(all.indexOf("namespace " + KernelSource.CLASSES.get(0))); // the variations (helpers may use int %)
        for (String java : List.of("Math.", "boolean ", "double[]", "Double.", "->", "%")) {
            for (String line : cuda.lines().toList()) {
                if (line.strip().startsWith("//")) {
                    continue;
                }
                String code = line.replace("JMath::", "").replace("FastMath::", "");
                assertFalse(code.contains(java), "'" + java + "' left in: " + line.strip());
            }
        }
    }

    /** FastMath and Voronoi come from their Java source too: every public FastMath method, every Voronoi method. */
    @Test
    void theHelpersAreGeneratedFromTheirJavaSource() throws Exception {
        String cuda = KernelSource.generate(SOURCES);
        for (java.lang.reflect.Method m : bloom.flame.variation.FastMath.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                assertTrue(cuda.contains("__device__ static double " + m.getName() + "("), "FastMath." + m.getName() + " missing");
            }
        }
        String voronoi = cuda.substring(cuda.indexOf("struct Voronoi {"), cuda.indexOf("namespace " + KernelSource.CLASSES.get(0)));
        for (String f : List.of("hash", "noise", "fade", "grad", "centre", "crackle")) {
            assertTrue(voronoi.contains(" " + f + "("), "Voronoi." + f + " missing");
        }
        for (String java : List.of(">>>", "Math.", "new ", "[]", "Double.")) {
            assertFalse(voronoi.replace("JMath::", "").contains(java), "'" + java + "' left in the Voronoi struct");
        }
        assertTrue(voronoi.contains("static D2 crackle("), "crackle returns the kernel's pair type");
    }
}

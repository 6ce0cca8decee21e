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
        assertEquals(all.size(), entries.size(), "variations in the source against the registry");
        for (Variation v : all) {
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
        String cuda = KernelSource.generate(SOURCES);
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
}

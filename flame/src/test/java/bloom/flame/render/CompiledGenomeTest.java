package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Xform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledGenomeTest {

    private static final Genome GENOME = TestImages.genome("/golden/julia-swirl.flame");

    @Test
    void selectionTableFollowsTheWeights() {
        CompiledGenome c = CompiledGenome.compile(GENOME);
        short[] table = c.selection();
        int[] counts = new int[c.xformCount()];
        for (int i = 0; i < CompiledGenome.SELECTION_SIZE; i++) {
            counts[table[i]]++;
        }
        double total = GENOME.xforms().stream().mapToDouble(Xform::weight).sum();
        for (int i = 0; i < counts.length; i++) {
            double expected = GENOME.xforms().get(i).weight() / total;
            assertEquals(expected, counts[i] / (double) CompiledGenome.SELECTION_SIZE, 1e-3, "xform " + i);
        }
    }

    @Test
    void xaosRowsExcludeForbiddenSuccessors() {
        List<Xform> xs = new ArrayList<>();
        for (int i = 0; i < GENOME.xforms().size(); i++) {
            Xform x = GENOME.xforms().get(i);
            double[] chaos = {1, 1, 1};
            chaos[(i + 1) % 3] = 0; // never go from i to i+1
            xs.add(new Xform(x.weight(), x.colour(), x.colourSpeed(), x.opacity(), x.pre(), x.post(), x.variations(),
                    chaos, x.animate(), x.name()));
        }
        CompiledGenome c = CompiledGenome.compile(GENOME.withXforms(xs));
        assertTrue(c.hasXaos());
        short[] table = c.selection();
        for (int row = 0; row < 3; row++) {
            for (int e = 0; e < CompiledGenome.SELECTION_SIZE; e++) {
                assertTrue(table[row * CompiledGenome.SELECTION_SIZE + e] != (row + 1) % 3, "row " + row);
            }
        }
    }

    @Test
    void rejectsGenomesThatCannotBeIterated() {
        List<Xform> zero = new ArrayList<>();
        for (Xform x : GENOME.xforms()) {
            zero.add(new Xform(0, x.colour(), x.colourSpeed(), x.opacity(), x.pre(), x.post(), x.variations(),
                    x.xaos(), x.animate(), x.name()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledGenome.compile(GENOME.withXforms(zero)));
        assertTrue(e.getMessage().contains("weight 0"), e.getMessage());
    }

    @Test
    void opacityIsAdjustedPerceptuallyAsFlam3Does() {
        assertEquals(1.0, CompiledGenome.adjustOpacity(1.0), 1e-12);
        assertEquals(0.0, CompiledGenome.adjustOpacity(0.0), 1e-12);
        assertEquals(0.1, CompiledGenome.adjustOpacity(0.5), 1e-12); // 10^(log2 0.5) = 10^-1
    }
}

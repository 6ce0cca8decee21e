package bloom.flame.xml;

import bloom.flame.genome.Affine;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.variation.Variations;

import java.util.ArrayList;
import java.util.List;

/**
 * flam3's {@code <symmetry kind="N"/>}: xforms added to a genome to give it the symmetry of a
 * regular N-gon. {@code N > 1} adds the N - 1 rotations by multiples of 360/N degrees (cyclic
 * symmetry); {@code N < 0} adds the mirror x -> -x and the |N| - 1 rotations (dihedral symmetry
 * of order |N|); 0 and 1 add nothing. Each added xform is linear, of weight 1, and keeps the
 * colour of the points it maps (colour speed 0), so it copies the flame without recolouring it.
 */
final class Symmetry {

    private Symmetry() {}

    static List<Xform> xforms(int kind) {
        List<Xform> out = new ArrayList<>();
        if (kind == 0 || kind == 1) {
            return out;
        }
        if (kind < 0) {
            out.add(linear(Affine.of(new double[] {-1, 0, 0, 1, 0, 0})));
            kind = -kind;
        }
        for (int k = 1; k < kind; k++) {
            double a = 2 * Math.PI * k / kind, c = Math.cos(a), s = Math.sin(a);
            out.add(linear(Affine.of(new double[] {c, s, -s, c, 0, 0})));
        }
        return out;
    }

    private static Xform linear(Affine map) {
        return new Xform(1, 0, 0, 1, map, Affine.IDENTITY,
                List.of(VariationTerm.of(Variations.byName("linear").orElseThrow(), 1)), new double[0], false, "symmetry");
    }
}

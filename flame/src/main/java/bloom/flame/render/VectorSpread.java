package bloom.flame.render;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The density estimator's inner loop through the Vector API: a run of cells (four floats each)
 * gains weight times a colour, several cells a vector. Loaded only where the JVM has the
 * {@code jdk.incubator.vector} module ({@link bloom.flame.variation.BatchFormulas#vectorised()}).
 */
final class VectorSpread {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats a vector holds: a whole number of cells (S has 4, 8 or 16 lanes). */
    static final int LANES = S.length();

    private VectorSpread() {}

    /**
     * {@code out[o + 4i + c] += w4[s + 4i + c] * rgba[c]} for cells i from 0 to n and channels c:
     * {@code w4} holds each cell's weight four times, {@code rgba4} the colour repeated to a
     * vector's length. Returns how many cells it did (a whole number of vectors); the caller
     * does the rest.
     */
    static int add(float[] out, int o, float[] w4, int s, int n, float[] rgba4) {
        int floats = (4 * n) & -LANES;
        FloatVector colour = FloatVector.fromArray(S, rgba4, 0);
        for (int j = 0; j < floats; j += LANES) {
            // a product, then a sum, each rounded, as the scalar loop does: the same floats either way
            FloatVector.fromArray(S, w4, s + j).mul(colour).add(FloatVector.fromArray(S, out, o + j)).intoArray(out, o + j);
        }
        return floats / 4;
    }
}

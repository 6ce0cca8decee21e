package bloom.flame.render;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The density estimator's inner loop through the Vector API: a run of cells (four floats each)
 * gains weight times a colour, several cells a vector. Loaded only where the JVM has the
 * {@code jdk.incubator.vector} module ({@link bloom.flame.variation.BatchFormulas#vectorised()}).
 */
final class VectorSpread {

    /**
     * At most 256 bits (two cells): the kernels' vectors start at every cell, and a 512-bit one
     * then crosses a cache line three times in four. Density estimation of four 2019 flames
     * (480x300, supersample 2, one thread pinned to a core, three alternating runs): 512 bits
     * 60 to 80 ms, 256 bits 3 to 5% less, 128 bits 20% more.
     */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    /** Floats a vector holds: a whole number of cells (S has 4 or 8 lanes). */
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

    /**
     * {@code out[o + offsets[v] + j] += w4[v * LANES + j] * rgba4[j]} for every vector v and lane
     * j: a kernel's vectors, wherever they fall, in one loop.
     */
    static void addAll(float[] out, int o, int[] offsets, float[] w4, float[] rgba4) {
        FloatVector colour = FloatVector.fromArray(S, rgba4, 0);
        for (int v = 0, s = 0; v < offsets.length; v++, s += LANES) {
            int at = o + offsets[v];
            FloatVector.fromArray(S, w4, s).mul(colour).add(FloatVector.fromArray(S, out, at)).intoArray(out, at);
        }
    }
}

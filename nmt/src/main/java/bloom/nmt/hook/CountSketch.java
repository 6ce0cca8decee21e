package bloom.nmt.hook;

import java.nio.FloatBuffer;

/**
 * A count sketch (Charikar, Chen and Farach-Colton 2002) of a vector into k dimensions: element i
 * is added with a random sign to one of k buckets, both chosen by a hash of i and the seed. It
 * takes one pass over the vector (O(parameters)), stores nothing per parameter, and preserves
 * inner products in expectation: {@code E[<S u, S v>] = <u, v>}, so the sketch's length and the
 * angle between two sketches follow the update's.
 */
public final class CountSketch {

    private final int dims;
    private final long seed;

    public CountSketch(int dims, long seed) {
        if (dims < 1) {
            throw new IllegalArgumentException("Invalid sketch dimension: " + dims);
        }
        this.dims = dims;
        this.seed = seed;
    }

    public int dims() {
        return dims;
    }

    /** Sketch of {@code n} floats of {@code data} starting at {@code offset}, into {@code out} (cleared first). */
    public void sketch(FloatBuffer data, long offset, long n, float[] out) {
        java.util.Arrays.fill(out, 0f);
        double[] acc = new double[dims];
        for (long i = 0; i < n; i++) {
            long h = hash(i);
            int bucket = (int) (((h >>> 32) * dims) >>> 32);
            float v = data.get((int) (offset + i));
            acc[bucket] += (h & 1) == 0 ? v : -v;
        }
        for (int b = 0; b < dims; b++) {
            out[b] = (float) acc[b];
        }
    }

    /** Sketch of a plain array, for tests and non-DL4J callers. */
    public float[] sketch(float[] data) {
        float[] out = new float[dims];
        sketch(FloatBuffer.wrap(data), 0, data.length, out);
        return out;
    }

    /** SplitMix64 of the index under the seed: cheap, and independent across indices. */
    private long hash(long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

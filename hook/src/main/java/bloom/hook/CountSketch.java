package bloom.hook;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A count sketch (Charikar, Chen and Farach-Colton 2002) of a vector into k dimensions, at memory
 * speed: every element is added with a random sign to one of k buckets. It takes one pass over the
 * vector, stores nothing per parameter, and preserves inner products in expectation over the
 * seed, {@code E[<S u, S v>] = <u, v>}, so the sketch's length and the angle between two sketches
 * follow the update's.
 *
 * <p>The classic sketch hashes every index, a data-dependent scatter that costs about 9 ns per
 * element. This one draws its randomness per chunk instead. The vector is cut into chunks of
 * {@code C} elements ({@code C} the multiple of k nearest above 2,048). Element r of chunk c is
 * multiplied by {@code s[c] t[r]}, where t is one seeded table of C random signs and {@code s[c]}
 * a random sign hashed from the chunk's index, and added to running sum r; at the end, running
 * sum r goes to bucket {@code (r + (r / k mod 4) * (k / 4)) mod k} (each stretch of k rotated by a
 * quarter more than the last, so that a matrix whose rows are k long is not folded row onto row).
 * Any two elements share a bucket for about one pair in k, as in the classic sketch, and the
 * product of their signs is +1 or -1 with equal probability over the seed, so the sketch stays
 * unbiased. The pass is a multiply-add of each chunk into C running sums, which streams the
 * vector at memory speed: through the Vector API straight from ND4J's off-heap buffer where the
 * JVM has {@code jdk.incubator.vector} (run with {@code --add-modules jdk.incubator.vector}),
 * else through a plain loop over a copy of each chunk that the JIT also vectorises, about twice as
 * slow. Both give the same sketch, bit for bit. Nothing is sampled or approximated but the sketch
 * itself, and the same pass returns the vector's exact sum of squares.
 */
public final class CountSketch {

    private static final int TARGET_CHUNK = 2048;
    /** Chunks summed in float before the running sums are carried into doubles. */
    private static final int CARRY_EVERY = 64;
    /**
     * Vectors shorter than this take the array loop even where the Vector API is there: they are
     * cheap either way, and the Vector API is slow until the JIT has compiled it, which a small
     * network's few hundred calls may never reach.
     */
    private static final long VECTOR_FROM = 1 << 16;

    /** How a chunk is added to the running sums: a vector loop where the JVM offers one, else an array loop. */
    interface Kernel {
        /** lanes[r] += signs[r] * x[r], squares[r] += x[r]^2, for r < len, x the floats of {@code data} from float {@code from}. */
        void accumulate(ByteBuffer data, int from, int len, float[] signs, float[] lanes, float[] squares, float[] scratch);

        /** squares[r] += x[r]^2 for r < len. */
        void squares(ByteBuffer data, int from, int len, float[] squares, float[] scratch);

        String name();
    }

    static final Kernel PORTABLE = new ArrayKernel();
    static final Kernel BEST = best();

    private final int dims;
    private final long seed;
    private final int chunk;
    private final float[] plus;  // t
    private final float[] minus; // -t
    private final Kernel kernel;
    // scratch: a sketch belongs to one recorder, on the training thread
    private final float[] scratch;
    private final float[] lanes;
    private final float[] squares;
    private final double[] acc;

    public CountSketch(int dims, long seed) {
        this(dims, seed, BEST);
    }

    CountSketch(int dims, long seed, Kernel kernel) {
        if (dims < 1) {
            throw new IllegalArgumentException("Invalid sketch dimension: " + dims + " (expected 1 or more)");
        }
        this.dims = dims;
        this.seed = seed;
        this.kernel = kernel;
        this.chunk = dims * Math.max(1, (TARGET_CHUNK + dims - 1) / dims);
        this.plus = new float[chunk];
        this.minus = new float[chunk];
        for (int r = 0; r < chunk; r++) {
            plus[r] = (mix(seed ^ 0x5DEECE66DL, r) & 1) == 0 ? 1f : -1f;
            minus[r] = -plus[r];
        }
        this.scratch = new float[chunk];
        this.lanes = new float[chunk];
        this.squares = new float[chunk];
        this.acc = new double[chunk];
    }

    public int dims() {
        return dims;
    }

    public long seed() {
        return seed;
    }

    /** Which loop streams the vector: "Vector API" or "array loop". */
    public String kernel() {
        return kernel.name();
    }

    /**
     * Sketch of {@code n} floats of {@code data} starting at {@code offset}, into {@code out}
     * (overwritten, length {@link #dims()}).
     *
     * @return the exact sum of squares of those floats (NaN or infinite when one of them is)
     */
    public double sketch(FloatBuffer data, long offset, long n, float[] out) {
        if (data.hasArray() && data.order() == ByteOrder.nativeOrder()) {
            return sketch(null, data.array(), data.arrayOffset() + offset, n, out);
        }
        return sketch(bytes(data), offset, n, out);
    }

    /** The same, over a buffer of floats in the platform's byte order (ND4J's {@code DataBuffer.asNio()}). */
    public double sketch(ByteBuffer data, long offset, long n, float[] out) {
        check(data, offset, n);
        return sketch(data, null, offset, n, out);
    }

    private double sketch(ByteBuffer data, float[] array, long offset, long n, float[] out) {
        if (out.length != dims) {
            throw new IllegalArgumentException("sketch buffer of " + out.length + " for a sketch of " + dims);
        }
        Arrays.fill(acc, 0);
        Arrays.fill(lanes, 0f);
        Arrays.fill(squares, 0f);
        double sumSquares = 0;
        long chunks = (n + chunk - 1) / chunk;
        for (long c = 0; c < chunks; c++) {
            int len = (int) Math.min(chunk, n - c * chunk);
            float[] signs = (mix(seed, c) & 1) == 0 ? plus : minus;
            int from = (int) (offset + c * chunk);
            if (array != null) {
                ArrayKernel.accumulate(array, from, len, signs, lanes, squares);
            } else {
                (n < VECTOR_FROM ? PORTABLE : kernel).accumulate(data, from, len, signs, lanes, squares, scratch);
            }
            if ((c + 1) % CARRY_EVERY == 0 || c + 1 == chunks) {
                for (int r = 0; r < chunk; r++) {
                    acc[r] += lanes[r];
                    sumSquares += squares[r];
                }
                Arrays.fill(lanes, 0f);
                Arrays.fill(squares, 0f);
            }
        }
        Arrays.fill(out, 0f);
        double[] buckets = new double[dims];
        int quarter = dims / 4;
        for (int r = 0; r < chunk; r++) {
            buckets[(r % dims + (r / dims % 4) * quarter) % dims] += acc[r];
        }
        for (int b = 0; b < dims; b++) {
            out[b] = (float) buckets[b];
        }
        return sumSquares;
    }

    /** Sketch of a plain array, for tests and non-DL4J callers. */
    public float[] sketch(float[] data) {
        float[] out = new float[dims];
        sketch(data, 0, data.length, out);
        return out;
    }

    /** Sketch of {@code n} floats of a plain array from {@code offset}; returns their sum of squares. */
    public double sketch(float[] data, int offset, int n, float[] out) {
        if (offset < 0 || n < 0 || (long) offset + n > data.length) {
            throw new IndexOutOfBoundsException("floats " + offset + ".." + ((long) offset + n) + " of an array of " + data.length);
        }
        return sketch(null, data, offset, n, out);
    }

    /** Exact sum of squares of {@code n} floats of {@code data} from {@code offset}, in the same streaming pass. */
    public double sumOfSquares(FloatBuffer data, long offset, long n) {
        return sumOfSquares(bytes(data), offset, n);
    }

    /** The same, over a buffer of floats in the platform's byte order. */
    public double sumOfSquares(ByteBuffer data, long offset, long n) {
        check(data, offset, n);
        Arrays.fill(squares, 0f);
        double sum = 0;
        long chunks = (n + chunk - 1) / chunk;
        for (long c = 0; c < chunks; c++) {
            int len = (int) Math.min(chunk, n - c * chunk);
            (n < VECTOR_FROM ? PORTABLE : kernel).squares(data, (int) (offset + c * chunk), len, squares, scratch);
            if ((c + 1) % CARRY_EVERY == 0 || c + 1 == chunks) {
                for (int r = 0; r < chunk; r++) {
                    sum += squares[r];
                }
                Arrays.fill(squares, 0f);
            }
        }
        return sum;
    }

    /** A heap FloatBuffer's floats as bytes in the platform's order (a copy; direct buffers come as bytes from ND4J). */
    private static ByteBuffer bytes(FloatBuffer data) {
        ByteBuffer b = ByteBuffer.allocate(data.limit() * Float.BYTES).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(data.duplicate().clear());
        return b;
    }

    private static void check(ByteBuffer data, long offset, long n) {
        if (data.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("floats in " + data.order() + " order; expected the platform's, " + ByteOrder.nativeOrder());
        }
        long floats = data.limit() / Float.BYTES;
        if (offset < 0 || n < 0 || offset + n > floats) {
            throw new IndexOutOfBoundsException("floats " + offset + ".." + (offset + n) + " of a buffer of " + floats);
        }
    }

    private static Kernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernel) Class.forName("bloom.hook.VectorKernel").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return PORTABLE;
            }
        }
        return PORTABLE;
    }

    /** The portable loop: each chunk copied to an array, then a loop the JIT vectorises. */
    static final class ArrayKernel implements Kernel {
        @Override
        public void accumulate(ByteBuffer data, int from, int len, float[] signs, float[] lanes, float[] squares, float[] x) {
            data.duplicate().clear().order(data.order()).asFloatBuffer().get(from, x, 0, len);
            accumulate(x, 0, len, signs, lanes, squares);
        }

        static void accumulate(float[] x, int from, int len, float[] signs, float[] lanes, float[] squares) {
            for (int r = 0; r < len; r++) {
                float v = x[from + r];
                lanes[r] += signs[r] * v;
                squares[r] += v * v;
            }
        }

        @Override
        public void squares(ByteBuffer data, int from, int len, float[] squares, float[] x) {
            data.duplicate().clear().order(data.order()).asFloatBuffer().get(from, x, 0, len);
            for (int r = 0; r < len; r++) {
                float v = x[r];
                squares[r] += v * v;
            }
        }

        @Override
        public String name() {
            return "array loop";
        }
    }

    /** SplitMix64 of an index under a seed: cheap, and independent across indices. */
    private static long mix(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

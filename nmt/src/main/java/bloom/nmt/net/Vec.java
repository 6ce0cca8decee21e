package bloom.nmt.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Element-wise kernels over ranges of float arrays, on the machine's widest vectors. */
final class Vec {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private Vec() {}

    // exp(x) = 2^k · e^r with k = round(x·log2 e) and r = x - k·ln 2 (Cody and Waite), e^r by its
    // Taylor polynomial of degree 6 (|r| <= ln2/2: relative error below 2e-7). Only additions,
    // multiplications, fused multiply-adds and exact conversions: the vector code and its scalar
    // twin round identically whether the JIT has compiled them or not, so training is reproducible
    // bit for bit (the Vector API's EXP and TANH are not: their fallback and intrinsic differ).
    private static final float LOG2E = 1.44269504f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: x + ROUND - ROUND rounds to an integer
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float MIN_X = -87.3f;
    private static final float MAX_X = 88.3f;
    private static final float[] TAYLOR = {1f / 720, 1f / 120, 1f / 24, 1f / 6, 1f / 2, 1f, 1f};

    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(MIN_X).min(MAX_X);
        FloatVector k = v.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND)).sub(ROUND);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p.fma(r, FloatVector.broadcast(S, TAYLOR[i]));
        }
        IntVector bits = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    /** The scalar twin of {@link #exp(FloatVector)}, rounding identically. */
    static float exp(float x) {
        float v = Math.min(Math.max(x, MIN_X), MAX_X);
        float k = Math.fma(v, LOG2E, ROUND) - ROUND;
        float r = Math.fma(k, -LN2_HI, v);
        r = Math.fma(k, -LN2_LO, r);
        float p = TAYLOR[0];
        for (int i = 1; i < TAYLOR.length; i++) {
            p = Math.fma(p, r, TAYLOR[i]);
        }
        return p * Float.intBitsToFloat(((int) k + 127) << 23);
    }

    /** {@code x[i] = 1 / (1 + exp(-x[i]))} for {@code i in [from, from + n)}. */
    static void sigmoid(float[] x, int from, int n) {
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            ONE.div(exp(v.neg()).add(ONE)).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = 1f / (exp(-x[i]) + 1f);
        }
    }

    /** {@code x[i] = tanh(x[i]) = 2 σ(2x) - 1} for {@code i in [from, from + n)} (absolute error below 3e-7). */
    static void tanh(float[] x, int from, int n) {
        FloatVector two = FloatVector.broadcast(S, 2f);
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            two.div(exp(v.mul(-2f)).add(ONE)).sub(ONE).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = 2f / (exp(x[i] * -2f) + 1f) - 1f;
        }
    }

    /** {@code y[yOff + i] += x[xOff + i]} for {@code i < n}. */
    static void add(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    /** {@code y[yOff + i] += a * x[xOff + i]} for {@code i < n}. */
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (; i + L <= n; i += L) {
            av.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /**
     * The dot product of {@code n} elements: four running sums over the indices modulo 4, added
     * at the end; a fixed order, so reproducible, and four times less bound by the latency of
     * one chain of additions.
     */
    static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
            s1 = Math.fma(x[xOff + i + 1], y[yOff + i + 1], s1);
            s2 = Math.fma(x[xOff + i + 2], y[yOff + i + 2], s2);
            s3 = Math.fma(x[xOff + i + 3], y[yOff + i + 3], s3);
        }
        for (; i < n; i++) {
            s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum of squares} of a range, in double, with four running sums in a fixed order. */
    static double sumSquares(float[] x, int from, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + n;
        for (; i + 4 <= end; i += 4) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
            s2 += (double) x[i + 2] * x[i + 2];
            s3 += (double) x[i + 3] * x[i + 3];
        }
        for (; i < end; i++) {
            s0 += (double) x[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code x[i] = exp(x[i] - shift)} over a range, returning their sum in double (the softmax's
     * numerator and denominator), lane by lane in a fixed order.
     */
    static double expShifted(float[] x, int from, int n, float shift) {
        double sum = 0;
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector v = exp(FloatVector.fromArray(S, x, i).sub(shift));
            v.intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = exp(x[i] - shift);
        }
        for (int j = from; j < end; j++) {
            sum += x[j];
        }
        return sum;
    }

    /** {@code x[i] *= a} over a range. */
    static void scale(float[] x, int from, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector.fromArray(S, x, i).mul(av).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] *= a;
        }
    }
}

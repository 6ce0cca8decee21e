package bloom.nmt.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Element-wise kernels over ranges of float arrays, on the machine's widest vectors. */
final class Vec {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private Vec() {}

    /** {@code x[i] = 1 / (1 + exp(-x[i]))} for {@code i in [from, from + n)}. */
    static void sigmoid(float[] x, int from, int n) {
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            ONE.div(v.neg().lanewise(VectorOperators.EXP).add(ONE)).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = (float) (1 / (1 + Math.exp(-x[i])));
        }
    }

    /** {@code x[i] = tanh(x[i])} for {@code i in [from, from + n)}. */
    static void tanh(float[] x, int from, int n) {
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.TANH).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = (float) Math.tanh(x[i]);
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

    /** The dot product of {@code n} elements, accumulated lane-wise in float. */
    static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /** {@code sum of squares} of a range, in double. */
    static double sumSquares(float[] x, int from, int n) {
        double s = 0;
        int i = from;
        int end = from + n;
        for (; i + L <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            s += v.mul(v).reduceLanes(VectorOperators.ADD);
        }
        for (; i < end; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
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

    static VectorMask<Float> tail(int i, int n) {
        return S.indexInRange(i, n);
    }
}

package bloom.nmt.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix products on plain arrays, the translator's only heavy arithmetic.
 *
 * <p>{@code C[m][n] (+)= sum_k A(m,k) * B[k][n]}: B and C are row-major with leading dimensions
 * {@code ldb} and {@code ldc}; A is read through strides, {@code A(m,k) = a[aOff + m*ars + k*acs]},
 * so the same kernel computes {@code A·B} ({@code ars = K, acs = 1}) and {@code Aᵀ·B}
 * ({@code ars = 1, acs = M}) without a copy. The kernel keeps a 4-row by two-vector block of C
 * in registers and streams rows of B through it (an outer-product update per k), so each loaded
 * element of B feeds four fused multiply-adds. Results are deterministic: the order of the sum
 * over k is fixed and does not depend on the machine's vector width beyond the lane layout of C.
 */
final class Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Gemm() {}

    /** {@code C = A·B} ({@code accumulate} false) or {@code C += A·B}, for row-major A of width K. */
    static void ab(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        mul(m, n, k, a, aOff, k, 1, b, bOff, n, c, cOff, n, accumulate);
    }

    /** {@code C (+)= Aᵀ·B} for row-major A {@code [rows][m]} and B {@code [rows][n]}: C is {@code [m][n]}. */
    static void atb(int m, int n, int rows, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        mul(m, n, rows, a, aOff, 1, m, b, bOff, n, c, cOff, n, accumulate);
    }

    /** {@code t = aᵀ}: {@code a} is {@code [rows][cols]}, {@code t} becomes {@code [cols][rows]}. */
    static void transpose(float[] a, int aOff, int rows, int cols, float[] t, int tOff) {
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * cols;
            for (int j = 0; j < cols; j++) {
                t[tOff + j * rows + i] = a[row + j];
            }
        }
    }

    static void mul(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x2(i, j, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                block1(i, j, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate, S.maskAll(true));
                block1(i, j + L, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate, S.maskAll(true));
            }
        }
        for (; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x1(i, j, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate, mask);
            }
            for (; i < m; i++) {
                block1(i, j, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate, mask);
            }
        }
    }

    private static void block4x2(int i, int j, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = aOff + i * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        int bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int q = p * acs;
            FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int r = cOff + i * ldc + j;
        store(c00, c, r, accumulate);
        store(c01, c, r + L, accumulate);
        r += ldc;
        store(c10, c, r, accumulate);
        store(c11, c, r + L, accumulate);
        r += ldc;
        store(c20, c, r, accumulate);
        store(c21, c, r + L, accumulate);
        r += ldc;
        store(c30, c, r, accumulate);
        store(c31, c, r + L, accumulate);
    }

    private static void block4x1(int i, int j, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate, VectorMask<Float> mask) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int a0 = aOff + i * ars;
        int bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp, mask);
            int q = a0 + p * acs;
            c0 = FloatVector.broadcast(S, a[q]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[q + ars]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[q + 2 * ars]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[q + 3 * ars]).fma(b0, c3);
        }
        int r = cOff + i * ldc + j;
        store(c0, c, r, accumulate, mask);
        store(c1, c, r + ldc, accumulate, mask);
        store(c2, c, r + 2 * ldc, accumulate, mask);
        store(c3, c, r + 3 * ldc, accumulate, mask);
    }

    private static void block1(int i, int j, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, boolean accumulate, VectorMask<Float> mask) {
        FloatVector c0 = FloatVector.zero(S);
        int a0 = aOff + i * ars;
        int bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            c0 = FloatVector.broadcast(S, a[a0 + p * acs]).fma(FloatVector.fromArray(S, b, bp, mask), c0);
        }
        store(c0, c, cOff + i * ldc + j, accumulate, mask);
    }

    private static void store(FloatVector v, float[] c, int at, boolean accumulate) {
        (accumulate ? v.add(FloatVector.fromArray(S, c, at)) : v).intoArray(c, at);
    }

    private static void store(FloatVector v, float[] c, int at, boolean accumulate, VectorMask<Float> mask) {
        (accumulate ? v.add(FloatVector.fromArray(S, c, at, mask)) : v).intoArray(c, at, mask);
    }
}

package bloom.flame.variation;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every vector version computes its variation's formula: on random points (a run whose length
 * is not a multiple of the vector width) the vector and the scalar formula agree to 1e-7
 * relative; where the formula draws random numbers, the two output distributions agree
 * (two-sample Kolmogorov-Smirnov at the 0.1% level). The scalar fallback, which any variation
 * without a vector version runs through, is checked the same way.
 */
class BatchFormulaTest {

    private static final int POINTS = 1003;
    private static final int DRAWS = 20_000;

    @Test
    void theVectorPathIsOnInTests() {
        assertTrue(BatchFormulas.vectorised(), "tests run with --add-modules jdk.incubator.vector (surefire argLine)");
        assertTrue(VectorVariations.names().size() >= 90, "vector versions: " + VectorVariations.names().size());
    }

    /** Every one of flam3's 99 variations (ids 0 to 98) has a vector version, and of the others the common plugin ones. */
    @Test
    void theVectorVersionsAreFlam3s99AndTheCommonPluginOnes() {
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (String name : VectorVariations.names()) {
            ids.add(Variations.byName(name).orElseThrow().id());
        }
        java.util.Set<Integer> flam3 = new java.util.TreeSet<>();
        for (int i = 0; i < VectorVariations.FLAM3_VARIATIONS; i++) {
            flam3.add(i);
        }
        for (String name : VectorVariations.PLUGINS) {
            flam3.add(Variations.byName(name).orElseThrow().id());
        }
        assertEquals(flam3, ids);
    }

    /** trunc and floor, which many vector versions round with, agree with the JDK's on awkward values. */
    @Test
    void truncAndFloorAgreeWithTheJdk() {
        double[] v = {0, -0.0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                1e-300, -1e-300, 123456.789, -123456.789, 0x1.0p52 - 0.5, -(0x1.0p52 - 0.5), 0x1.0p52 + 2, -0x1.0p52 - 2,
                1e15 + 0.25, -1e15 - 0.25, 3e18, -3e18};
        int l = VectorVariations.L;
        double[] in = Arrays.copyOf(v, (v.length + l - 1) / l * l), t = new double[in.length], f = new double[in.length];
        for (int i = 0; i < in.length; i += l) {
            VectorVariations.trunc(VectorVariations.ld(in, i)).intoArray(t, i);
            VectorVariations.floor(VectorVariations.ld(in, i)).intoArray(f, i);
        }
        for (int i = 0; i < v.length; i++) {
            assertEquals((double) (long) v[i], t[i], 0.0, "trunc(" + v[i] + ")");
            assertEquals(Math.floor(v[i]), f[i], 0.0, "floor(" + v[i] + ")");
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorVersionsComputeTheFormula() {
        return VectorVariations.names().stream().sorted().map(name -> DynamicTest.dynamicTest(name,
                () -> check(Variations.byName(name).orElseThrow(), VectorVariations.get(name))));
    }

    @TestFactory
    Stream<DynamicTest> theScalarFallbackComputesTheFormula() {
        return Stream.of("julia", "crackle", "pre_blur", "edisc", "bipolar").map(name -> DynamicTest.dynamicTest(name,
                () -> {
                    Variation v = Variations.byName(name).orElseThrow();
                    check(v, BatchFormula.of(v.formula()));
                }));
    }

    /** Parameters: the defaults, zeros moved off zero (a formula that ignores one would otherwise pass). */
    private static double[] params(Variation v) {
        double[] p = v.defaults();
        for (int k = 0; k < p.length; k++) {
            if (p[k] == 0) {
                p[k] = 0.7 + 0.1 * k;
            }
        }
        return p;
    }

    private static IterationState state(long seed) {
        IterationState s = new IterationState(seed);
        s.a = 0.6;
        s.b = -0.3;
        s.c = 0.4;
        s.d = 0.2;
        s.e = 0.9;
        s.f = -0.5;
        return s;
    }

    private static void check(Variation v, BatchFormula batch) {
        double[] p = params(v);
        double w = 0.8;
        if (drawsRandomNumbers(v, p, w)) {
            checkDistribution(v, batch, p, w);
        } else {
            checkPointwise(v, batch, p, w);
        }
    }

    private static boolean drawsRandomNumbers(Variation v, double[] p, double w) {
        SplittableRandom r = new SplittableRandom(5);
        IterationState s1 = state(1), s2 = state(2);
        for (int k = 0; k < 50; k++) {
            double x = r.nextDouble(-2, 2), y = r.nextDouble(-2, 2);
            double[] a = scalar(v, p, w, x, y, s1);
            double[] b = scalar(v, p, w, x, y, s2);
            if (!Arrays.equals(a, b)) {
                return true;
            }
        }
        return false;
    }

    private static double[] scalar(Variation v, double[] p, double w, double x, double y, IterationState s) {
        s.tx = x;
        s.ty = y;
        s.tz = 0.25;
        s.moved();
        s.px = 0.1;
        s.py = -0.2;
        s.pz = 0.05;
        v.formula().apply(s, w, p, 0);
        return new double[] {s.tx, s.ty, s.tz, s.px, s.py, s.pz};
    }

    private static Lanes lanes(int n, IterationState s) {
        Lanes l = new Lanes(n, s);
        l.count = n;
        Arrays.fill(l.tz, 0, n, 0.25);
        Arrays.fill(l.px, 0, n, 0.1);
        Arrays.fill(l.py, 0, n, -0.2);
        Arrays.fill(l.pz, 0, n, 0.05);
        return l;
    }

    private static double[] out(Lanes l, int i) {
        return new double[] {l.tx[i], l.ty[i], l.tz[i], l.px[i], l.py[i], l.pz[i]};
    }

    private static void checkPointwise(Variation v, BatchFormula batch, double[] p, double w) {
        SplittableRandom r = new SplittableRandom(11);
        Lanes l = lanes(POINTS, state(3));
        for (int i = 0; i < POINTS; i++) {
            l.tx[i] = r.nextDouble(-2, 2);
            l.ty[i] = r.nextDouble(-2, 2);
        }
        double[] x = Arrays.copyOf(l.tx, POINTS), y = Arrays.copyOf(l.ty, POINTS);
        batch.apply(l, w, p, 0);
        int off = 0;
        String first = null;
        for (int i = 0; i < POINTS; i++) {
            double[] want = scalar(v, p, w, x[i], y[i], state(4));
            double[] got = out(l, i);
            for (int k = 0; k < 6; k++) {
                boolean same = Double.compare(want[k], got[k]) == 0
                        || Math.abs(want[k] - got[k]) <= 1e-7 * Math.max(1, Math.abs(want[k]));
                if (!same) {
                    off++;
                    if (first == null) {
                        first = String.format("(%.6f, %.6f) component %d: formula %s, batch %s", x[i], y[i], k, want[k], got[k]);
                    }
                    break;
                }
            }
        }
        // a point or two where the formula is singular (tan, a division by ~0) may round apart
        assertTrue(off <= POINTS / 500, v.name() + ": " + off + " of " + POINTS + " points differ, first " + first);
    }

    private static void checkDistribution(Variation v, BatchFormula batch, double[] p, double w) {
        for (double[] pt : new double[][] {{0.3, -0.7}, {-1.2, 0.4}, {1.5, 1.1}}) {
            Lanes l = lanes(DRAWS, state(6));
            Arrays.fill(l.tx, 0, DRAWS, pt[0]);
            Arrays.fill(l.ty, 0, DRAWS, pt[1]);
            batch.apply(l, w, p, 0);
            IterationState s = state(7);
            List<double[]> want = new ArrayList<>();
            for (int i = 0; i < DRAWS; i++) {
                want.add(scalar(v, p, w, pt[0], pt[1], s));
            }
            for (int k = 0; k < 6; k++) {
                double[] a = new double[DRAWS], b = new double[DRAWS];
                for (int i = 0; i < DRAWS; i++) {
                    // on a grid of 1e-9: where the law has atoms (julia3D's two branches), the two
                    // computations' last-bit differences would otherwise sort every draw of one
                    // before the other's and read as a distance of a half
                    a[i] = Math.rint(want.get(i)[k] * 1e9) / 1e9;
                    b[i] = Math.rint(out(l, i)[k] * 1e9) / 1e9;
                }
                double d = ks(a, b);
                assertTrue(d < 1.95 * Math.sqrt(2.0 / DRAWS), v.name() + " at (" + pt[0] + ", " + pt[1]
                        + ") component " + k + ": Kolmogorov-Smirnov distance " + d);
            }
        }
    }

    /** Two-sample Kolmogorov-Smirnov statistic: the largest gap between the empirical CDFs. */
    static double ks(double[] a, double[] b) {
        a = a.clone();
        b = b.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0, j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double t = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= t) {
                i++;
            }
            while (j < b.length && b[j] <= t) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) a.length - j / (double) b.length));
        }
        return d;
    }

    @Test
    void ksSeesADifferentDistribution() {
        SplittableRandom r = new SplittableRandom(1);
        double[] a = new double[DRAWS], b = new double[DRAWS], c = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            a[i] = r.nextDouble();
            b[i] = r.nextDouble();
            c[i] = r.nextDouble() * 1.05;
        }
        assertTrue(ks(a, b) < 1.95 * Math.sqrt(2.0 / DRAWS));
        assertTrue(ks(a, c) > 1.95 * Math.sqrt(2.0 / DRAWS));
        assertEquals(0, ks(a, a));
    }
}

package bloom.flame.variation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;


import static bloom.flame.variation.IterationState.EPS;
import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.COS;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.SIN;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.TAN;

/**
 * Vector versions of the variations, through the (incubating) Vector API: each runs over a
 * {@link Lanes} run a whole vector of points at a time, its transcendental functions those of
 * the JVM's vector maths library. Each computes the same formula as the variation of the same
 * name (see the comments there); BatchFormulaTest checks every one against it on random points.
 * Random numbers come from the thread's stream, a scratch array at a time, so a vector version
 * draws the same distribution as its scalar formula, not the same numbers.
 */
final class VectorVariations {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    private static final double PI = Math.PI;
    private static final double HALF_PI = Math.PI / 2;

    /** flam3's variations are numbered 0 to 98; each has a vector version, found by its id. */
    static final int FLAM3_VARIATIONS = 99;
    /** The plugin variations artists' genomes use most that have a vector version too. */
    static final java.util.List<String> PLUGINS = java.util.List.of("sineblur", "hemisphere", "blur_linear", "spherical3D",
            "julia3D", "linear3D", "zcone", "ztranslate", "flatten", "poincare", "epispiral", "taurus", "blur_pixelize",
            "zblur", "crackle");
    private static final BatchFormula[] BY_ID = new BatchFormula[Variations.all().size()];

    static {
        register();
        registerFlam3();
        registerFlam3Branchy();
        registerPlugins();
    }

    private VectorVariations() {}

    /** The vector version of variation {@code id}, or null (scalar only). */
    static BatchFormula get(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    static BatchFormula get(String name) {
        return Variations.byName(name).map(v -> get(v.id())).orElse(null);
    }

    /** Names of the variations that have a vector version. */
    static java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (int id = 0; id < BY_ID.length; id++) {
            if (BY_ID[id] != null) {
                names.add(Variations.byId(id).name());
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    private static void add(String name, BatchFormula f) {
        Variation v = Variations.byName(name)
                .orElseThrow(() -> new IllegalStateException("Vector variation without a variation: " + name));
        if (v.id() >= FLAM3_VARIATIONS && !PLUGINS.contains(name)) {
            throw new IllegalStateException("Vector variation of a plugin variation: " + name + " (id " + v.id() + ")");
        }
        if (BY_ID[v.id()] != null) {
            throw new IllegalStateException("Vector variation declared twice: " + name);
        }
        BY_ID[v.id()] = f;
    }

    // ---- helpers -------------------------------------------------------------------------

    static DoubleVector ld(double[] a, int i) {
        return DoubleVector.fromArray(S, a, i);
    }

    /** a[i..] += v */
    static void acc(double[] a, int i, DoubleVector v) {
        DoubleVector.fromArray(S, a, i).add(v).intoArray(a, i);
    }

    static DoubleVector sqrt(DoubleVector v) {
        return v.lanewise(SQRT);
    }

    static DoubleVector sin(DoubleVector v) {
        return v.lanewise(SIN);
    }

    static DoubleVector cos(DoubleVector v) {
        return v.lanewise(COS);
    }

    static DoubleVector exp(DoubleVector v) {
        return v.lanewise(EXP);
    }

    static DoubleVector log(DoubleVector v) {
        return v.lanewise(LOG);
    }

    static DoubleVector abs(DoubleVector v) {
        return v.lanewise(ABS);
    }

    static DoubleVector pow(DoubleVector a, DoubleVector b) {
        return a.lanewise(VectorOperators.POW, b);
    }

    static DoubleVector pow(DoubleVector a, double b) {
        return a.lanewise(VectorOperators.POW, b);
    }

    /** atan2(y, x), as {@link Math#atan2}. */
    static DoubleVector atan2(DoubleVector y, DoubleVector x) {
        return y.lanewise(VectorOperators.ATAN2, x);
    }

    static DoubleVector cosh(DoubleVector v) {
        return v.lanewise(VectorOperators.COSH);
    }

    static DoubleVector sinh(DoubleVector v) {
        return v.lanewise(VectorOperators.SINH);
    }

    static DoubleVector tan(DoubleVector v) {
        return v.lanewise(TAN);
    }

    /**
     * Rounds toward zero, as a cast to long does, for |v| < 2^63 (NaN stays NaN). Not through a
     * conversion to long: Java 17's compiler has no vector instruction for it and would run the
     * Vector API's fallback, an object per lane. Adding and subtracting 2^52 rounds |v| to the
     * nearest integer; one less where that went up is its floor.
     */
    static DoubleVector trunc(DoubleVector v) {
        DoubleVector big = DoubleVector.broadcast(S, 0x1.0p52);
        DoubleVector a = abs(v);
        DoubleVector r = a.add(big).sub(big);
        r = r.sub(1.0, r.compare(GT, a)).blend(a, a.compare(GE, 0x1.0p52));
        return r.lanewise(VectorOperators.NEG, v.compare(LT, 0));
    }

    static DoubleVector floor(DoubleVector v) {
        DoubleVector t = trunc(v);
        return t.sub(1.0, t.compare(GT, v));
    }

    /** The remainder with the sign of a, as C's fmod (to rounding). */
    static DoubleVector fmod(DoubleVector a, DoubleVector b) {
        return a.sub(b.mul(trunc(a.div(b))));
    }

    static DoubleVector fmod(DoubleVector a, double b) {
        return a.sub(trunc(a.div(b)).mul(b));
    }

    /** Math.rint: round half to even. */
    static DoubleVector rint(DoubleVector v) {
        // adding and subtracting 2^52 rounds to the nearest integer, ties to even
        DoubleVector big = DoubleVector.broadcast(S, 0x1.0p52);
        DoubleVector a = abs(v);
        DoubleVector r = a.add(big).sub(big);
        r = r.blend(a, a.compare(GE, 0x1.0p52));
        return r.lanewise(VectorOperators.NEG, v.compare(LT, 0));
    }

    static DoubleVector sumsq(DoubleVector x, DoubleVector y) {
        return x.mul(x).add(y.mul(y));
    }

    static DoubleVector rand(double[] r, int i) {
        return DoubleVector.fromArray(S, r, i);
    }

    static VectorMask<Double> lt(DoubleVector a, double b) {
        return a.compare(LT, b);
    }

    // ---- the variations ------------------------------------------------------------------

    private static void registerPlugins() {
        // the plugins Bloom's 2019 flames spend their time in
        add("poincare", (l, w, p, o) -> {
            double d1 = 1 + Math.abs(p[o]), a1 = p[o + 1], d2 = 1 + Math.abs(p[o + 2]), a2 = p[o + 3];
            double c1x = d1 * Math.cos(a1), c1y = d1 * Math.sin(a1), r1 = d1 * d1 - 1;
            double c2x = d2 * Math.cos(a2), c2y = d2 * Math.sin(a2), r2 = d2 * d2 - 1;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector dx = ld(l.tx, i).sub(c1x), dy = ld(l.ty, i).sub(c1y);
                DoubleVector q = DoubleVector.broadcast(S, r1).div(sumsq(dx, dy).add(EPS));
                dx = dx.mul(q).add(c1x - c2x);
                dy = dy.mul(q).add(c1y - c2y);
                q = DoubleVector.broadcast(S, r2).div(sumsq(dx, dy).add(EPS));
                acc(l.px, i, dx.mul(q).add(c2x).mul(w));
                acc(l.py, i, dy.mul(q).add(c2y).mul(w));
            }
        });
        add("epispiral", (l, w, p, o) -> {
            double k = p[o], thickness = p[o + 1], holes = p[o + 2];
            boolean thick = Math.abs(thickness) > 1e-10;
            double[] r0 = thick ? l.random01(l.rand0) : null;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector theta = atan2(ld(l.ty, i), ld(l.tx, i)), d = cos(theta.mul(k));
                DoubleVector t = (thick ? rand(r0, i).mul(thickness) : DoubleVector.broadcast(S, 1)).div(d).sub(holes).mul(w);
                VectorMask<Double> none = d.compare(VectorOperators.EQ, 0);
                acc(l.px, i, t.mul(cos(theta)).blend(0, none));
                acc(l.py, i, t.mul(sin(theta)).blend(0, none));
            }
        });
        add("taurus", (l, w, p, o) -> {
            double r = p[o], k = p[o + 1], inv = p[o + 2], sor = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector ring = cos(x.mul(k)).mul((1 - inv) * r).add(inv * r).add(sin(y)).mul(w);
                acc(l.px, i, cos(x).mul(ring));
                acc(l.py, i, sin(x).mul(ring));
                acc(l.pz, i, cos(y).mul(w * sor).add(y.mul(1 - sor)));
            }
        });
        add("blur_pixelize", (l, w, p, o) -> {
            double size = p[o], scale = p[o + 1];
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = floor(ld(l.tx, i).div(size)), y = floor(ld(l.ty, i).div(size));
                acc(l.px, i, x.add(rand(r0, i).sub(0.5).mul(scale)).add(0.5).mul(w * size));
                acc(l.py, i, y.add(rand(r1, i).sub(0.5).mul(scale)).add(0.5).mul(w * size));
            }
        });
        add("zblur", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1), r2 = l.random01(l.rand2), r3 = l.random01(l.rand3);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.pz, i, rand(r0, i).add(rand(r1, i)).add(rand(r2, i)).add(rand(r3, i)).sub(2).mul(w));
            }
        });
        // the blur in vectors; the cells through the thread's table of centres (CrackleCells)
        add("crackle", (l, w, p, o) -> {
            double half = p[o] / 2;
            if (half == 0) {
                return;
            }
            CrackleCells cells = l.crackleCells(half, p[o + 2], p[o + 4]);
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1), r2 = l.random01(l.rand2), r3 = l.random01(l.rand3);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector blur = rand(r0, i).add(rand(r1, i)).mul(0.5).add(rand(r2, i).sub(0.5).mul(0.25));
                DoubleVector theta = rand(r3, i).mul(2 * PI);
                blur.mul(sin(theta)).intoArray(r0, i);
                blur.mul(cos(theta)).intoArray(r1, i);
            }
            for (int i = l.from, n = l.from + l.count; i < n; i++) {
                double[] c = cells.crackle(r0[i], r1[i], p[o + 1], p[o + 3]);
                l.px[i] += w * c[0];
                l.py[i] += w * c[1];
            }
        });
        add("sineblur", (l, w, p, o) -> {
            double power = Math.max(0, p[o]);
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector a = rand(r0, i).mul(2 * PI), u = rand(r1, i);
                if (power != 1) {
                    u = pow(u, power);
                }
                DoubleVector r = u.mul(2).sub(1).lanewise(VectorOperators.ACOS).mul(w / PI);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("hemisphere", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = DoubleVector.broadcast(S, w).div(sqrt(sumsq(x, y).add(1)));
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
                acc(l.pz, i, r);
            }
        });
        add("blur_linear", (l, w, p, o) -> {
            double c = Math.cos(p[o + 1]), sn = Math.sin(p[o + 1]);
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector r = rand(r0, i).mul(p[o]);
                acc(l.px, i, ld(l.tx, i).add(r.mul(c)).mul(w));
                acc(l.py, i, ld(l.ty, i).add(r.mul(sn)).mul(w));
            }
        });
        // the 3-D ones every flame of Bloom's 2019 collection uses
        add("julia3D", (l, w, p, o) -> {
            int power = (int) Math.rint(p[o]);
            if (power == 0) {
                return;
            }
            if (power == -1) {
                inversion3D(l, w); // the power -1 root of an inversion is the inversion
                return;
            }
            double abs = Math.abs(power), e = (1.0 / power - 1.0) * 0.5;
            double[] rnd = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i), z = ld(l.tz, i).div(abs);
                DoubleVector r2d = sumsq(x, y);
                DoubleVector r = pow(r2d.add(z.mul(z)).add(EPS), e).mul(w);
                DoubleVector r2 = r.mul(sqrt(r2d));
                DoubleVector a = atan2(y, x).add(trunc(rand(rnd, i).mul(abs)).mul(2 * PI)).div(power);
                acc(l.px, i, r2.mul(cos(a)));
                acc(l.py, i, r2.mul(sin(a)));
                acc(l.pz, i, r.mul(z));
            }
        });
        add("linear3D", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, ld(l.tx, i).mul(w));
                acc(l.py, i, ld(l.ty, i).mul(w));
                acc(l.pz, i, ld(l.tz, i).mul(w));
            }
        });
        add("zcone", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.pz, i, sqrt(sumsq(ld(l.tx, i), ld(l.ty, i))).mul(w));
            }
        });
        add("ztranslate", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.pz, i, DoubleVector.broadcast(S, w));
            }
        });
        add("flatten", (l, w, p, o) -> {
            if (w != 0) {
                java.util.Arrays.fill(l.pz, l.from, l.end(L), 0);
            }
        });
        add("spherical3D", (l, w, p, o) -> inversion3D(l, w));
    }

    private static void register() {
        add("linear", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, ld(l.tx, i).mul(w));
                acc(l.py, i, ld(l.ty, i).mul(w));
            }
        });
        add("sinusoidal", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, sin(ld(l.tx, i)).mul(w));
                acc(l.py, i, sin(ld(l.ty, i)).mul(w));
            }
        });
        add("spherical", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r2 = sumsq(x, y).add(EPS).div(w);
                acc(l.px, i, x.div(r2));
                acc(l.py, i, y.div(r2));
            }
        });
        add("swirl", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r2 = sumsq(x, y), sn = sin(r2), cs = cos(r2);
                acc(l.px, i, sn.mul(x).sub(cs.mul(y)).mul(w));
                acc(l.py, i, cs.mul(x).add(sn.mul(y)).mul(w));
            }
        });
        add("horseshoe", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)).add(EPS).div(w);
                acc(l.px, i, x.sub(y).mul(x.add(y)).div(r));
                acc(l.py, i, x.mul(y).mul(2).div(r));
            }
        });
        add("polar", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, atan2(x, y).mul(w / PI));
                acc(l.py, i, sqrt(sumsq(x, y)).sub(1).mul(w));
            }
        });
        add("handkerchief", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y), r = sqrt(sumsq(x, y)), wr = r.mul(w);
                acc(l.px, i, wr.mul(sin(a.add(r))));
                acc(l.py, i, wr.mul(cos(a.sub(r))));
            }
        });
        add("heart", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)), a = r.mul(atan2(x, y)), wr = r.mul(w);
                acc(l.px, i, wr.mul(sin(a)));
                acc(l.py, i, wr.mul(cos(a)).neg());
            }
        });
        add("disc", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y).mul(w / PI), r = sqrt(sumsq(x, y)).mul(PI);
                acc(l.px, i, sin(r).mul(a));
                acc(l.py, i, cos(r).mul(a));
            }
        });
        add("spiral", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)).add(EPS), r1 = DoubleVector.broadcast(S, w).div(r);
                acc(l.px, i, r1.mul(y.div(r).add(sin(r))));
                acc(l.py, i, r1.mul(x.div(r).sub(cos(r))));
            }
        });
        add("hyperbolic", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)).add(EPS);
                acc(l.px, i, x.div(r).div(r).mul(w));
                acc(l.py, i, y.div(r).mul(r).mul(w));
            }
        });
        add("diamond", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)).add(EPS);
                acc(l.px, i, x.div(r).mul(cos(r)).mul(w));
                acc(l.py, i, y.div(r).mul(sin(r)).mul(w));
            }
        });
        add("ex", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y), r = sqrt(sumsq(x, y));
                DoubleVector n0 = sin(a.add(r)), n1 = cos(a.sub(r));
                DoubleVector m0 = n0.mul(n0).mul(n0).mul(r), m1 = n1.mul(n1).mul(n1).mul(r);
                acc(l.px, i, m0.add(m1).mul(w));
                acc(l.py, i, m0.sub(m1).mul(w));
            }
        });
        add("julia", (l, w, p, o) -> {
            double[] rnd = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sqrt(sumsq(x, y))).mul(w);
                DoubleVector a = atan2(x, y).mul(0.5).add(PI, rand(rnd, i).compare(LT, 0.5));
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("bent", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.mul(2, lt(x, 0)).mul(w));
                acc(l.py, i, y.mul(0.5, lt(y, 0)).mul(w));
            }
        });
        add("waves", (l, w, p, o) -> {
            IterationState s = l.state;
            double kx = 1 / (s.c * s.c + EPS), ky = 1 / (s.f * s.f + EPS), b = s.b, e = s.e;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(sin(y.mul(kx)).mul(b)).mul(w));
                acc(l.py, i, y.add(sin(x.mul(ky)).mul(e)).mul(w));
            }
        });
        add("fisheye", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = DoubleVector.broadcast(S, 2 * w).div(sqrt(sumsq(x, y)).add(1));
                acc(l.px, i, r.mul(y));
                acc(l.py, i, r.mul(x));
            }
        });
        add("popcorn", (l, w, p, o) -> {
            IterationState s = l.state;
            double c = s.c, f = s.f;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(sin(tan(y.mul(3))).mul(c)).mul(w));
                acc(l.py, i, y.add(sin(tan(x.mul(3))).mul(f)).mul(w));
            }
        });
        add("exponential", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector dx = exp(x.sub(1)).mul(w), dy = y.mul(PI);
                acc(l.px, i, dx.mul(cos(dy)));
                acc(l.py, i, dx.mul(sin(dy)));
            }
        });
        add("power", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r0 = sqrt(sumsq(x, y)).add(EPS), sina = x.div(r0), cosa = y.div(r0);
                DoubleVector r = pow(r0, sina).mul(w);
                acc(l.px, i, r.mul(cosa));
                acc(l.py, i, r.mul(sina));
            }
        });
        add("cosine", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = x.mul(PI);
                acc(l.px, i, cos(a).mul(cosh(y)).mul(w));
                acc(l.py, i, sin(a).mul(sinh(y)).mul(-w));
            }
        });
        add("rings", (l, w, p, o) -> {
            IterationState s = l.state;
            double dx = s.c * s.c + EPS;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y));
                DoubleVector rr = fmod(r.add(dx), 2 * dx).sub(dx).add(r.mul(1 - dx)).mul(w);
                DoubleVector r0 = r.add(EPS);
                acc(l.px, i, rr.mul(y).div(r0));
                acc(l.py, i, rr.mul(x).div(r0));
            }
        });
        add("fan", (l, w, p, o) -> {
            IterationState s = l.state;
            double dx = PI * (s.c * s.c + EPS), dx2 = dx / 2, f = s.f;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y), r = sqrt(sumsq(x, y)).mul(w);
                VectorMask<Double> m = fmod(a.add(f), dx).compare(GT, dx2);
                a = a.add(DoubleVector.broadcast(S, dx2).blend(-dx2, m));
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("blob", (l, w, p, o) -> {
            double low = p[o], high = p[o + 1], waves = p[o + 2];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y);
                DoubleVector r = sqrt(sumsq(x, y)).mul(sin(a.mul(waves)).mul(0.5).add(0.5).mul(high - low).add(low));
                acc(l.px, i, sin(a).mul(r).mul(w));
                acc(l.py, i, cos(a).mul(r).mul(w));
            }
        });
        add("pdj", (l, w, p, o) -> {
            double pa = p[o], pb = p[o + 1], pc = p[o + 2], pd = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, sin(y.mul(pa)).sub(cos(x.mul(pb))).mul(w));
                acc(l.py, i, sin(x.mul(pc)).sub(cos(y.mul(pd))).mul(w));
            }
        });
        add("fan2", (l, w, p, o) -> {
            double dy = p[o + 1], dx = PI * (p[o] * p[o] + EPS), dx2 = 0.5 * dx;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(x, y), r = sqrt(sumsq(x, y)).mul(w);
                DoubleVector ad = a.add(dy);
                DoubleVector t = ad.sub(trunc(ad.div(dx)).mul(dx));
                a = a.add(DoubleVector.broadcast(S, dx2).blend(-dx2, t.compare(GT, dx2)));
                acc(l.px, i, r.mul(sin(a)));
                acc(l.py, i, r.mul(cos(a)));
            }
        });
        add("rings2", (l, w, p, o) -> {
            double dx = p[o] * p[o] + EPS;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y));
                r = r.add(trunc(r.add(dx).div(2 * dx)).mul(-2 * dx)).add(r.mul(1 - dx));
                DoubleVector a = atan2(x, y);
                acc(l.px, i, sin(a).mul(r).mul(w));
                acc(l.py, i, cos(a).mul(r).mul(w));
            }
        });
        add("eyefish", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = DoubleVector.broadcast(S, 2 * w).div(sqrt(sumsq(x, y)).add(1));
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("bubble", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = DoubleVector.broadcast(S, w).div(sumsq(x, y).mul(0.25).add(1));
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("cylinder", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, sin(ld(l.tx, i)).mul(w));
                acc(l.py, i, ld(l.ty, i).mul(w));
            }
        });
        add("perspective", (l, w, p, o) -> {
            double ang = p[o] * PI / 2, dist = p[o + 1], sa = Math.sin(ang), ca = Math.cos(ang);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = DoubleVector.broadcast(S, 1).div(y.mul(-sa).add(dist));
                acc(l.px, i, x.mul(t).mul(w * dist));
                acc(l.py, i, y.mul(t).mul(w * dist * ca));
            }
        });
        add("noise", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector a = rand(r0, i).mul(2 * PI), r = rand(r1, i).mul(w);
                acc(l.px, i, ld(l.tx, i).mul(r).mul(cos(a)));
                acc(l.py, i, ld(l.ty, i).mul(r).mul(sin(a)));
            }
        });
        add("julian", (l, w, p, o) -> julian(l, w, p[o], p[o + 1], false));
        add("juliascope", (l, w, p, o) -> julian(l, w, p[o], p[o + 1], true));
        add("blur", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector a = rand(r0, i).mul(2 * PI), r = rand(r1, i).mul(w);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("gaussian_blur", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1), r2 = l.random01(l.rand2);
            double[] r3 = l.random01(l.rand3), r4 = l.random01(l.rand4);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector a = rand(r0, i).mul(2 * PI);
                DoubleVector r = rand(r1, i).add(rand(r2, i)).add(rand(r3, i)).add(rand(r4, i)).sub(2).mul(w);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
    }

    /** flam3's variations 36-98. */
    private static void registerFlam3() {
        add("radial_blur", (l, w, p, o) -> {
            double spin = Math.sin(p[o] * HALF_PI), zoom = Math.cos(p[o] * HALF_PI);
            double[] r1 = l.random01(l.rand1), r2 = l.random01(l.rand2), r3 = l.random01(l.rand3), r4 = l.random01(l.rand4);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector g = rand(r1, i).add(rand(r2, i)).add(rand(r3, i)).add(rand(r4, i)).sub(2).mul(w);
                DoubleVector a = atan2(y, x).add(g.mul(spin)), r = sqrt(sumsq(x, y)), rz = g.mul(zoom).sub(1);
                acc(l.px, i, r.mul(cos(a)).add(rz.mul(x)));
                acc(l.py, i, r.mul(sin(a)).add(rz.mul(y)));
            }
        });
        add("pie", (l, w, p, o) -> {
            double slices = p[o], rot = p[o + 1], thick = p[o + 2];
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1), r2 = l.random01(l.rand2);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector sl = trunc(rand(r0, i).mul(slices).add(0.5));
                DoubleVector a = sl.add(rand(r1, i).mul(thick)).mul(2 * PI / slices).add(rot);
                DoubleVector r = rand(r2, i).mul(w);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("ngon", (l, w, p, o) -> {
            double e = p[o + 1] / 2, b = 2 * PI / p[o], circle = p[o + 2], corners = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector rf = pow(sumsq(x, y), e), phi0 = atan2(y, x);
                DoubleVector phi = phi0.sub(floor(phi0.div(b)).mul(b));
                phi = phi.sub(b, phi.compare(GT, b / 2));
                DoubleVector amp = DoubleVector.broadcast(S, 1).div(cos(phi).add(EPS)).sub(1).mul(corners).add(circle)
                        .div(rf.add(EPS)).mul(w);
                acc(l.px, i, x.mul(amp));
                acc(l.py, i, y.mul(amp));
            }
        });
        add("curl", (l, w, p, o) -> {
            double c1 = p[o], c2 = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector re = x.mul(c1).add(x.mul(x).sub(y.mul(y)).mul(c2)).add(1);
                DoubleVector im = y.mul(c1).add(x.mul(y).mul(2 * c2));
                DoubleVector r = DoubleVector.broadcast(S, w).div(sumsq(re, im));
                acc(l.px, i, x.mul(re).add(y.mul(im)).mul(r));
                acc(l.py, i, y.mul(re).sub(x.mul(im)).mul(r));
            }
        });
        add("arch", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector a = rand(r0, i).mul(w * PI), sn = sin(a);
                acc(l.px, i, sn.mul(w));
                acc(l.py, i, sn.mul(sn).div(cos(a)).mul(w));
            }
        });
        add("tangent", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, sin(x).div(cos(y)).mul(w));
                acc(l.py, i, tan(y).mul(w));
            }
        });
        add("square", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, rand(r0, i).sub(0.5).mul(w));
                acc(l.py, i, rand(r1, i).sub(0.5).mul(w));
            }
        });
        add("rays", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = rand(r0, i).mul(w * PI), r = DoubleVector.broadcast(S, w).div(sumsq(x, y).add(EPS));
                DoubleVector t = tan(a).mul(r).mul(w);
                acc(l.px, i, t.mul(cos(x)));
                acc(l.py, i, t.mul(sin(y)));
            }
        });
        add("blade", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = rand(r0, i).mul(w).mul(sqrt(sumsq(x, y))), sn = sin(t), cs = cos(t);
                DoubleVector wx = x.mul(w);
                acc(l.px, i, wx.mul(cs.add(sn)));
                acc(l.py, i, wx.mul(cs.sub(sn)));
            }
        });
        add("secant2", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector cr = cos(sqrt(sumsq(x, y)).mul(w)), icr = DoubleVector.broadcast(S, 1).div(cr);
                acc(l.px, i, x.mul(w));
                acc(l.py, i, icr.sub(DoubleVector.broadcast(S, 1).blend(-1, cr.compare(LT, 0))).mul(w));
            }
        });
        add("cross", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector d = x.mul(x).sub(y.mul(y));
                DoubleVector r = sqrt(DoubleVector.broadcast(S, 1).div(d.mul(d).add(EPS))).mul(w);
                acc(l.px, i, x.mul(r));
                acc(l.py, i, y.mul(r));
            }
        });
        add("super_shape", (l, w, p, o) -> {
            double rnd = p[o], m4 = p[o + 1] / 4, n1 = -1.0 / p[o + 2], n2 = p[o + 3], n3 = p[o + 4], holes = p[o + 5];
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector theta = atan2(y, x).mul(m4).add(PI / 4);
                DoubleVector t1 = pow(abs(cos(theta)), n2), t2 = pow(abs(sin(theta)), n3);
                DoubleVector sq = sqrt(sumsq(x, y));
                DoubleVector r = rand(r0, i).mul(rnd).add(sq.mul(1 - rnd)).sub(holes).mul(pow(t1.add(t2), n1))
                        .div(sq.add(EPS)).mul(w);
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("flower", (l, w, p, o) -> {
            double petals = p[o], holes = p[o + 1];
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = rand(r0, i).sub(holes).mul(cos(atan2(y, x).mul(petals))).div(sqrt(sumsq(x, y)).add(EPS)).mul(w);
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("conic", (l, w, p, o) -> {
            double e = p[o], holes = p[o + 1];
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector sq = sqrt(sumsq(x, y)).add(EPS);
                DoubleVector r = rand(r0, i).sub(holes).mul(w * e).div(x.mul(e).div(sq).add(1)).div(sq);
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("parabola", (l, w, p, o) -> {
            double h = p[o] * w, wd = p[o + 1] * w;
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)), sn = sin(r);
                acc(l.px, i, sn.mul(sn).mul(rand(r0, i)).mul(h));
                acc(l.py, i, cos(r).mul(rand(r1, i)).mul(wd));
            }
        });
        add("bent2", (l, w, p, o) -> {
            double bx = p[o], by = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.mul(bx, lt(x, 0)).mul(w));
                acc(l.py, i, y.mul(by, lt(y, 0)).mul(w));
            }
        });
        add("boarders", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector rx = rint(x), ry = rint(y), ox = x.sub(rx), oy = y.sub(ry);
                DoubleVector bx = ox.mul(0.5).add(rx), by = oy.mul(0.5).add(ry);
                VectorMask<Double> inside = rand(r0, i).compare(GE, 0.75);
                VectorMask<Double> xside = abs(ox).compare(GE, abs(oy));
                DoubleVector sx = DoubleVector.broadcast(S, 0.25).blend(-0.25, ox.compare(LT, 0));
                DoubleVector sy = DoubleVector.broadcast(S, 0.25).blend(-0.25, oy.compare(LT, 0));
                // x side: (bx + sx, by + sx oy / ox); y side: (bx + sy ox / oy, by + sy)
                DoubleVector nx = bx.add(sy.mul(ox).div(oy)).blend(bx.add(sx), xside).blend(bx, inside);
                DoubleVector ny = by.add(sy).blend(by.add(sx.mul(oy).div(ox)), xside).blend(by, inside);
                acc(l.px, i, nx.mul(w));
                acc(l.py, i, ny.mul(w));
            }
        });
        add("butterfly", (l, w, p, o) -> {
            double wx = w * 1.3029400317411197908970256609023;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i), y2 = y.mul(2);
                DoubleVector r = sqrt(abs(y.mul(x)).div(sumsq(x, y2).add(EPS))).mul(wx);
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y2));
            }
        });
        add("cpow", (l, w, p, o) -> {
            double power = p[o + 2], va = 2 * PI / power, vc = p[o] / power, vd = p[o + 1] / power;
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(y, x), lnr = log(sumsq(x, y)).mul(0.5);
                DoubleVector ang = a.mul(vc).add(lnr.mul(vd)).add(floor(rand(r0, i).mul(power)).mul(va));
                DoubleVector m = exp(lnr.mul(vc).sub(a.mul(vd))).mul(w);
                acc(l.px, i, m.mul(cos(ang)));
                acc(l.py, i, m.mul(sin(ang)));
            }
        });
        add("curve", (l, w, p, o) -> {
            double xa = p[o], ya = p[o + 1];
            double xl = -1 / Math.max(p[o + 2] * p[o + 2], 1e-20), yl = -1 / Math.max(p[o + 3] * p[o + 3], 1e-20);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(exp(y.mul(y).mul(xl)).mul(xa)).mul(w));
                acc(l.py, i, y.add(exp(x.mul(x).mul(yl)).mul(ya)).mul(w));
            }
        });
        add("escher", (l, w, p, o) -> {
            double vc = 0.5 * (1 + Math.cos(p[o])), vd = 0.5 * Math.sin(p[o]);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector a = atan2(y, x), lnr = log(sumsq(x, y)).mul(0.5);
                DoubleVector m = exp(lnr.mul(vc).sub(a.mul(vd))).mul(w), nn = a.mul(vc).add(lnr.mul(vd));
                acc(l.px, i, m.mul(cos(nn)));
                acc(l.py, i, m.mul(sin(nn)));
            }
        });
        add("foci", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector ex = exp(x).mul(0.5), enx = DoubleVector.broadcast(S, 0.25).div(ex);
                DoubleVector t = DoubleVector.broadcast(S, w).div(ex.add(enx).sub(cos(y)));
                acc(l.px, i, t.mul(ex.sub(enx)));
                acc(l.py, i, t.mul(sin(y)));
            }
        });
        add("loonie", (l, w, p, o) -> {
            double w2 = w * w;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r2 = sumsq(x, y);
                DoubleVector r = DoubleVector.broadcast(S, w);
                r = r.blend(sqrt(DoubleVector.broadcast(S, w2).div(r2).sub(1)).mul(w), r2.compare(LT, w2));
                acc(l.px, i, r.mul(x));
                acc(l.py, i, r.mul(y));
            }
        });
        add("oscilloscope", (l, w, p, o) -> {
            double sep = p[o], tpf = 2 * PI * p[o + 1], amp = p[o + 2], damping = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = cos(x.mul(tpf)).mul(amp);
                if (damping != 0) {
                    t = t.mul(exp(abs(x).mul(-damping)));
                }
                t = t.add(sep);
                acc(l.px, i, x.mul(w));
                acc(l.py, i, y.mul(DoubleVector.broadcast(S, w).blend(-w, abs(y).compare(VectorOperators.LE, t))));
            }
        });
        add("polar2", (l, w, p, o) -> {
            double p2v = w / PI;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, atan2(x, y).mul(p2v));
                acc(l.py, i, log(sumsq(x, y)).mul(p2v / 2));
            }
        });
        add("popcorn2", (l, w, p, o) -> {
            double px = p[o], py = p[o + 1], c = p[o + 2];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(sin(tan(y.mul(c))).mul(px)).mul(w));
                acc(l.py, i, y.add(sin(tan(x.mul(c))).mul(py)).mul(w));
            }
        });
        add("scry", (l, w, p, o) -> {
            double k = 1.0 / (w + EPS);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = sumsq(x, y), r = DoubleVector.broadcast(S, 1).div(sqrt(t).mul(t.add(k)));
                acc(l.px, i, x.mul(r));
                acc(l.py, i, y.mul(r));
            }
        });
        add("split", (l, w, p, o) -> {
            double kx = p[o] * PI, ky = p[o + 1] * PI;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.py, i, y.mul(DoubleVector.broadcast(S, w).blend(-w, cos(x.mul(kx)).compare(LT, 0))));
                acc(l.px, i, x.mul(DoubleVector.broadcast(S, w).blend(-w, cos(y.mul(ky)).compare(LT, 0))));
            }
        });
        add("splits", (l, w, p, o) -> {
            double sx = p[o], sy = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(DoubleVector.broadcast(S, sx).blend(-sx, lt(x, 0))).mul(w));
                acc(l.py, i, y.add(DoubleVector.broadcast(S, sy).blend(-sy, lt(y, 0))).mul(w));
            }
        });
        add("stripes", (l, w, p, o) -> {
            double space = 1.0 - p[o], warp = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector rx = floor(x.add(0.5)), ox = x.sub(rx);
                acc(l.px, i, ox.mul(space).add(rx).mul(w));
                acc(l.py, i, y.add(ox.mul(ox).mul(warp)).mul(w));
            }
        });
        add("wedge", (l, w, p, o) -> {
            double angle = p[o], hole = p[o + 1], count = p[o + 2], swirl = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y)), a = wedgeAngle(atan2(y, x).add(r.mul(swirl)), angle, count);
                r = r.add(hole).mul(w);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("wedge_julia", (l, w, p, o) -> {
            double angle = p[o], count = p[o + 1], power = p[o + 2], e = p[o + 3] / power / 2, ap = Math.abs(power);
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = pow(sumsq(x, y), e).mul(w);
                DoubleVector k = trunc(rand(r0, i).mul(ap));
                DoubleVector a = wedgeAngle(atan2(y, x).add(k.mul(2 * PI)).div(power), angle, count);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("wedge_sph", (l, w, p, o) -> {
            double angle = p[o], count = p[o + 1], hole = p[o + 2], swirl = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = DoubleVector.broadcast(S, 1).div(sqrt(sumsq(x, y)).add(EPS));
                DoubleVector a = wedgeAngle(atan2(y, x).add(r.mul(swirl)), angle, count);
                r = r.add(hole).mul(w);
                acc(l.px, i, r.mul(cos(a)));
                acc(l.py, i, r.mul(sin(a)));
            }
        });
        add("whorl", (l, w, p, o) -> {
            double inside = p[o], outside = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector r = sqrt(sumsq(x, y));
                DoubleVector k = DoubleVector.broadcast(S, outside).blend(inside, r.compare(LT, w));
                DoubleVector a = atan2(y, x).add(k.div(r.neg().add(w)));
                DoubleVector wr = r.mul(w);
                acc(l.px, i, wr.mul(cos(a)));
                acc(l.py, i, wr.mul(sin(a)));
            }
        });
        add("waves2", (l, w, p, o) -> {
            double sx = p[o], sy = p[o + 1], fx = p[o + 2], fy = p[o + 3], sz = p[o + 4], fz = p[o + 5];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, x.add(sin(y.mul(fx)).mul(sx)).mul(w));
                acc(l.py, i, y.add(sin(x.mul(fy)).mul(sy)).mul(w));
                if (sz != 0) {
                    acc(l.pz, i, sin(sqrt(sumsq(x, y)).mul(fz)).mul(w * sz));
                }
            }
        });
        add("exp", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector e = exp(x).mul(w);
                acc(l.px, i, e.mul(cos(y)));
                acc(l.py, i, e.mul(sin(y)));
            }
        });
        add("log", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, log(sumsq(x, y)).mul(0.5 / (p[o] > 0 && p[o] != 1 ? Math.log(p[o]) : 1) * w));
                acc(l.py, i, atan2(y, x).mul(w));
            }
        });
        add("sin", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, sin(x).mul(cosh(y)).mul(w));
                acc(l.py, i, cos(x).mul(sinh(y)).mul(w));
            }
        });
        add("cos", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, cos(x).mul(cosh(y)).mul(w));
                acc(l.py, i, sin(x).mul(sinh(y)).mul(-w));
            }
        });
        add("tan", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x2 = ld(l.tx, i).mul(2), y2 = ld(l.ty, i).mul(2);
                DoubleVector den = DoubleVector.broadcast(S, w).div(cos(x2).add(cosh(y2)));
                acc(l.px, i, den.mul(sin(x2)));
                acc(l.py, i, den.mul(sinh(y2)));
            }
        });
        add("sec", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector den = DoubleVector.broadcast(S, 2 * w).div(cos(x.mul(2)).add(cosh(y.mul(2))));
                acc(l.px, i, den.mul(cos(x)).mul(cosh(y)));
                acc(l.py, i, den.mul(sin(x)).mul(sinh(y)));
            }
        });
        add("csc", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector den = DoubleVector.broadcast(S, 2 * w).div(cosh(y.mul(2)).sub(cos(x.mul(2))));
                acc(l.px, i, den.mul(sin(x)).mul(cosh(y)));
                acc(l.py, i, den.mul(cos(x)).mul(sinh(y)).neg());
            }
        });
        add("cot", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x2 = ld(l.tx, i).mul(2), y2 = ld(l.ty, i).mul(2);
                DoubleVector den = DoubleVector.broadcast(S, w).div(cosh(y2).sub(cos(x2)));
                acc(l.px, i, den.mul(sin(x2)));
                acc(l.py, i, den.mul(sinh(y2)).neg());
            }
        });
        add("sinh", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, sinh(x).mul(cos(y)).mul(w));
                acc(l.py, i, cosh(x).mul(sin(y)).mul(w));
            }
        });
        add("cosh", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, cosh(x).mul(cos(y)).mul(w));
                acc(l.py, i, sinh(x).mul(sin(y)).mul(w));
            }
        });
        add("tanh", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x2 = ld(l.tx, i).mul(2), y2 = ld(l.ty, i).mul(2);
                DoubleVector den = DoubleVector.broadcast(S, w).div(cos(y2).add(cosh(x2)));
                acc(l.px, i, den.mul(sinh(x2)));
                acc(l.py, i, den.mul(sin(y2)));
            }
        });
        add("sech", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector den = DoubleVector.broadcast(S, 2 * w).div(cos(y.mul(2)).add(cosh(x.mul(2))));
                acc(l.px, i, den.mul(cos(y)).mul(cosh(x)));
                acc(l.py, i, den.mul(sin(y)).mul(sinh(x)).neg());
            }
        });
        add("csch", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector den = DoubleVector.broadcast(S, 2 * w).div(cosh(x.mul(2)).sub(cos(y.mul(2))));
                acc(l.px, i, den.mul(sinh(x)).mul(cos(y)));
                acc(l.py, i, den.mul(cosh(x)).mul(sin(y)).neg());
            }
        });
        add("coth", (l, w, p, o) -> {
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x2 = ld(l.tx, i).mul(2), y2 = ld(l.ty, i).mul(2);
                DoubleVector den = DoubleVector.broadcast(S, w).div(cosh(x2).sub(cos(y2)));
                acc(l.px, i, den.mul(sinh(x2)));
                acc(l.py, i, den.mul(sin(y2)));
            }
        });
        add("auger", (l, w, p, o) -> {
            double freq = p[o], aw = p[o + 1], sym = p[o + 2], scale = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector sn = sin(x.mul(freq)), t = sin(y.mul(freq));
                DoubleVector dy = y.add(sn.mul(scale / 2).add(abs(y).mul(sn)).mul(aw));
                DoubleVector dx = x.add(t.mul(scale / 2).add(abs(x).mul(t)).mul(aw));
                acc(l.px, i, x.add(dx.sub(x).mul(sym)).mul(w));
                acc(l.py, i, dy.mul(w));
            }
        });
        add("flux", (l, w, p, o) -> {
            double k = w * (2 + p[o]);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector xpw = x.add(w), xmw = x.sub(w), y2 = y.mul(y);
                DoubleVector avgr = sqrt(sqrt(y2.add(xpw.mul(xpw))).div(sqrt(y2.add(xmw.mul(xmw))))).mul(k);
                DoubleVector avga = atan2(y, xmw).sub(atan2(y, xpw)).mul(0.5);
                acc(l.px, i, avgr.mul(cos(avga)));
                acc(l.py, i, avgr.mul(sin(avga)));
            }
        });
        add("mobius", (l, w, p, o) -> {
            double ra = p[o], ia = p[o + 1], rb = p[o + 2], ib = p[o + 3], rc = p[o + 4], ic = p[o + 5], rd = p[o + 6], id = p[o + 7];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector reu = x.mul(ra).sub(y.mul(ia)).add(rb), imu = y.mul(ra).add(x.mul(ia)).add(ib);
                DoubleVector rev = x.mul(rc).sub(y.mul(ic)).add(rd), imv = y.mul(rc).add(x.mul(ic)).add(id);
                DoubleVector rad = DoubleVector.broadcast(S, w).div(sumsq(rev, imv));
                acc(l.px, i, reu.mul(rev).add(imu.mul(imv)).mul(rad));
                acc(l.py, i, imu.mul(rev).sub(reu.mul(imv)).mul(rad));
            }
        });
    }

    /** The rest of flam3's variations, the ones with branches or clamps. */
    private static void registerFlam3Branchy() {
        add("rectangles", (l, w, p, o) -> {
            double rx = p[o], ry = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                acc(l.px, i, rx == 0 ? x.mul(w) : floor(x.div(rx)).mul(2).add(1).mul(rx).sub(x).mul(w));
                acc(l.py, i, ry == 0 ? y.mul(w) : floor(y.div(ry)).mul(2).add(1).mul(ry).sub(y).mul(w));
            }
        });
        add("twintrian", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = rand(r0, i).mul(w).mul(sqrt(sumsq(x, y))), sn = sin(t), cs = cos(t);
                DoubleVector diff = sn.mul(sn).lanewise(VectorOperators.LOG10).add(cs);
                VectorMask<Double> good = diff.compare(GT, -1e10).and(diff.compare(LT, 1e10));
                diff = DoubleVector.broadcast(S, -30.0).blend(diff, good);
                DoubleVector wx = x.mul(w);
                acc(l.px, i, wx.mul(diff));
                acc(l.py, i, wx.mul(diff.sub(sn.mul(PI))));
            }
        });
        add("disc2", (l, w, p, o) -> {
            double twist = p[o + 1], timespi = p[o] * PI;
            double sinadd = Math.sin(twist), cosadd = Math.cos(twist) - 1;
            if (twist > 2 * PI) {
                double k = 1 + twist - 2 * PI;
                cosadd *= k;
                sinadd *= k;
            } else if (twist < -2 * PI) {
                double k = 1 + twist + 2 * PI;
                cosadd *= k;
                sinadd *= k;
            }
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector t = x.add(y).mul(timespi), r = atan2(x, y).mul(w / PI);
                acc(l.px, i, sin(t).add(cosadd).mul(r));
                acc(l.py, i, cos(t).add(sinadd).mul(r));
            }
        });
        add("bipolar", (l, w, p, o) -> {
            double shift = HALF_PI * p[o];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector x2y2 = sumsq(x, y), t = x2y2.add(1), x2 = x.mul(2);
                DoubleVector a = atan2(y.mul(2), x2y2.sub(1)).mul(0.5).sub(shift);
                DoubleVector above = fmod(a.add(HALF_PI), PI).sub(HALF_PI);
                DoubleVector below = fmod(a.neg().add(HALF_PI), PI).neg().add(HALF_PI);
                a = a.blend(above, a.compare(GT, HALF_PI)).blend(below, a.compare(LT, -HALF_PI));
                DoubleVector f = t.add(x2), g = t.sub(x2), q = f.div(g);
                VectorMask<Double> skip = g.compare(VectorOperators.EQ, 0).or(q.compare(GT, 0).not());
                acc(l.px, i, log(q).mul(w * 0.25 * (2 / PI)).blend(0, skip));
                acc(l.py, i, a.mul(w * (2 / PI)).blend(0, skip));
            }
        });
        add("cell", (l, w, p, o) -> {
            double size = p[o], inv = 1.0 / size;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector cx = floor(x.mul(inv)), cy = floor(y.mul(inv));
                DoubleVector dx = x.sub(cx.mul(size)), dy = y.sub(cy.mul(size));
                cx = cx.mul(2).blend(cx.mul(2).add(1).neg(), lt(cx, 0));
                cy = cy.mul(2).blend(cy.mul(2).add(1).neg(), lt(cy, 0));
                acc(l.px, i, dx.add(cx.mul(size)).mul(w));
                acc(l.py, i, dy.add(cy.mul(size)).mul(-w));
            }
        });
        add("edisc", (l, w, p, o) -> {
            double ww = w / 11.57034632;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector tmp = sumsq(x, y).add(1), tmp2 = x.mul(2);
                DoubleVector xmax = sqrt(tmp.add(tmp2)).add(sqrt(tmp.sub(tmp2))).mul(0.5);
                DoubleVector a1 = log(xmax.add(sqrt(xmax.sub(1))));
                DoubleVector a2 = x.div(xmax).max(-1).min(1).lanewise(VectorOperators.ACOS).neg();
                DoubleVector snv = sin(a1).lanewise(VectorOperators.NEG, y.compare(GT, 0));
                acc(l.px, i, cosh(a2).mul(cos(a1)).mul(ww));
                acc(l.py, i, sinh(a2).mul(snv).mul(ww));
            }
        });
        add("elliptic", (l, w, p, o) -> {
            double ww = w / HALF_PI;
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector tmp = sumsq(x, y).add(1), x2 = x.mul(2);
                DoubleVector xmax = sqrt(tmp.add(x2)).add(sqrt(tmp.sub(x2))).mul(0.5);
                DoubleVector a = x.div(xmax), b = sqrt(a.mul(a).neg().add(1).max(0)), ssx = sqrt(xmax.sub(1).max(0));
                acc(l.px, i, atan2(a, b).mul(ww));
                acc(l.py, i, log(xmax.add(ssx)).mul(DoubleVector.broadcast(S, -ww).blend(ww, y.compare(GT, 0))));
            }
        });
        add("lazysusan", (l, w, p, o) -> {
            double spin = p[o], space = p[o + 1], twist = p[o + 2], cx = p[o + 3], cy = p[o + 4];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i).sub(cx), y = ld(l.ty, i).add(cy), r = sqrt(sumsq(x, y));
                VectorMask<Double> in = r.compare(LT, w);
                DoubleVector a = atan2(y, x).add(spin).add(r.neg().add(w).mul(twist)), rin = r.mul(w);
                DoubleVector rout = DoubleVector.broadcast(S, space).div(r).add(1).mul(w);
                acc(l.px, i, rout.mul(x).blend(rin.mul(cos(a)), in).add(cx));
                acc(l.py, i, rout.mul(y).blend(rin.mul(sin(a)), in).sub(cy));
            }
        });
        add("pre_blur", (l, w, p, o) -> {
            double[] r0 = l.random01(l.rand0), r1 = l.random01(l.rand1), r2 = l.random01(l.rand2);
            double[] r3 = l.random01(l.rand3), r4 = l.random01(l.rand4);
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector g = rand(r0, i).add(rand(r1, i)).add(rand(r2, i)).add(rand(r3, i)).sub(2).mul(w);
                DoubleVector a = rand(r4, i).mul(2 * PI);
                acc(l.tx, i, g.mul(cos(a)));
                acc(l.ty, i, g.mul(sin(a)));
            }
        });
        add("modulus", (l, w, p, o) -> {
            double mx = p[o], my = p[o + 1];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                acc(l.px, i, wrap(ld(l.tx, i), mx).mul(w));
                acc(l.py, i, wrap(ld(l.ty, i), my).mul(w));
            }
        });
        add("separation", (l, w, p, o) -> {
            double sx2 = p[o] * p[o], xin = p[o + 1], sy2 = p[o + 2] * p[o + 2], yin = p[o + 3];
            for (int i = l.from, n = l.end(L); i < n; i += L) {
                DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
                DoubleVector qx = sqrt(x.mul(x).add(sx2)), qy = sqrt(y.mul(y).add(sy2));
                acc(l.px, i, qx.add(x.mul(xin)).mul(-w).blend(qx.sub(x.mul(xin)).mul(w), x.compare(GT, 0)));
                acc(l.py, i, qy.add(y.mul(yin)).mul(-w).blend(qy.sub(y.mul(yin)).mul(w), y.compare(GT, 0)));
            }
        });
    }

    /** flam3's modulus: v wrapped into [-m, m] (unchanged inside). */
    private static DoubleVector wrap(DoubleVector v, double m) {
        DoubleVector above = fmod(v.add(m), 2 * m).sub(m);
        DoubleVector below = fmod(v.neg().add(m), 2 * m).neg().add(m);
        return v.blend(above, v.compare(GT, m)).blend(below, v.compare(LT, -m));
    }

    /** w (x, y, z) / |(x, y, z)|^2: spherical3D, and julia3D of power -1. */
    private static void inversion3D(Lanes l, double w) {
        for (int i = l.from, n = l.end(L); i < n; i += L) {
            DoubleVector x = ld(l.tx, i), y = ld(l.ty, i), z = ld(l.tz, i);
            DoubleVector r = DoubleVector.broadcast(S, w).div(sumsq(x, y).add(z.mul(z)).add(EPS));
            acc(l.px, i, r.mul(x));
            acc(l.py, i, r.mul(y));
            acc(l.pz, i, r.mul(z));
        }
    }

    /** The wedge construction: angle a squeezed so that count wedges leave gaps of the given angle. */
    private static DoubleVector wedgeAngle(DoubleVector a, double angle, double count) {
        DoubleVector c = floor(a.mul(count).add(PI).mul(0.5 / PI));
        double comp = 1 - angle * count / PI * 0.5;
        return a.mul(comp).add(c.mul(angle));
    }

    private static void julian(Lanes l, double w, double power, double dist, boolean scope) {
        double[] rnd = l.random01(l.rand0);
        double e = dist / power / 2, ap = Math.abs(power);
        for (int i = l.from, n = l.end(L); i < n; i += L) {
            DoubleVector x = ld(l.tx, i), y = ld(l.ty, i);
            DoubleVector k = trunc(rand(rnd, i).mul(ap));
            DoubleVector phi = atan2(y, x);
            if (scope) {
                // odd k reflect the angle
                VectorMask<Double> odd = fmod(k, 2.0).compare(VectorOperators.NE, 0);
                phi = phi.lanewise(VectorOperators.NEG, odd);
            }
            DoubleVector t = k.mul(2 * PI).add(phi).div(power);
            DoubleVector r = pow(sumsq(x, y), e).mul(w);
            acc(l.px, i, r.mul(cos(t)));
            acc(l.py, i, r.mul(sin(t)));
        }
    }
}

package bloom.flame.genome;

import bloom.flame.variation.Variation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Genomes between two genomes, as flam3 animates: scalar attributes linearly, each xform's
 * affine maps in log-polar form (the images of the two axes as angle and log length, the
 * translation linearly) so that rotations turn instead of shrinking through zero, variation
 * weights and parameters linearly (a variation missing on one side has weight 0 there), and
 * palettes through HSV with hue taking the shorter way round. A genome with fewer xforms is
 * padded with xforms of weight 0 that map points to themselves.
 */
public final class Interpolation {

    private Interpolation() {}

    /** The genome a fraction {@code t} in [0, 1] of the way from {@code a} to {@code b}. */
    public static Genome between(Genome a, Genome b, double t) {
        int n = Math.max(a.xforms().size(), b.xforms().size());
        List<Xform> xa = padded(a.xforms(), n);
        List<Xform> xb = padded(b.xforms(), n);
        List<Xform> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xs.add(xform(xa.get(i), xb.get(i), t));
        }
        Optional<Xform> fin;
        if (a.finalXform().isPresent() || b.finalXform().isPresent()) {
            Xform fa = a.finalXform().orElse(identity(0));
            Xform fb = b.finalXform().orElse(identity(0));
            fin = Optional.of(xform(fa, fb, t));
        } else {
            fin = Optional.empty();
        }
        Camera ca = a.camera();
        Camera cb = b.camera();
        Camera.View3D va = ca.view3d();
        Camera.View3D vb = cb.view3d();
        Camera camera = new Camera(ca.width(), ca.height(), lerp(ca.centerX(), cb.centerX(), t),
                lerp(ca.centerY(), cb.centerY(), t), Math.exp(lerp(Math.log(ca.scale()), Math.log(cb.scale()), t)),
                lerp(ca.zoom(), cb.zoom(), t), lerp(ca.rotate(), cb.rotate(), t),
                new Camera.View3D(lerp(va.pitch(), vb.pitch(), t), lerp(va.yaw(), vb.yaw(), t),
                        lerp(va.perspective(), vb.perspective(), t), lerp(va.zpos(), vb.zpos(), t), lerp(va.dof(), vb.dof(), t)));
        Sampling sa = a.sampling();
        Sampling sb = b.sampling();
        Sampling sampling = new Sampling(lerp(sa.quality(), sb.quality(), t), sa.oversample(),
                lerp(sa.filterRadius(), sb.filterRadius(), t), sa.filterShape(),
                lerp(sa.estimatorRadius(), sb.estimatorRadius(), t), lerp(sa.estimatorMinimum(), sb.estimatorMinimum(), t),
                lerp(sa.estimatorCurve(), sb.estimatorCurve(), t), sa.fuse());
        Tone ta = a.tone();
        Tone tb = b.tone();
        double[] bga = ta.background();
        double[] bgb = tb.background();
        Tone tone = new Tone(lerp(ta.brightness(), tb.brightness(), t), lerp(ta.contrast(), tb.contrast(), t),
                lerp(ta.gamma(), tb.gamma(), t), lerp(ta.gammaThreshold(), tb.gammaThreshold(), t),
                lerp(ta.vibrancy(), tb.vibrancy(), t), lerp(ta.highlightPower(), tb.highlightPower(), t),
                new double[] {lerp(bga[0], bgb[0], t), lerp(bga[1], bgb[1], t), lerp(bga[2], bgb[2], t)},
                t < 0.5 ? ta.curves() : tb.curves());
        return new Genome(t < 0.5 ? a.name() : b.name(), xs, fin, palette(a.palette(), b.palette(), t),
                a.linearPalette(), camera, sampling, tone, a.extras());
    }

    /**
     * The genome of a loop that turns a single genome's animated xforms once around: at
     * {@code t} each animated xform's linear part is rotated by {@code 360 t} degrees, as
     * flam3-genome's rotation sequences do.
     */
    public static Genome rotated(Genome g, double t) {
        double angle = 2 * Math.PI * t;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        List<Xform> xs = new ArrayList<>();
        for (Xform x : g.xforms()) {
            if (!x.animate()) {
                xs.add(x);
                continue;
            }
            Affine m = x.pre();
            // rotate both axis images about the origin; the translation stays
            xs.add(x.withPre(new Affine(c * m.xx() - s * m.xy(), s * m.xx() + c * m.xy(),
                    c * m.yx() - s * m.yy(), s * m.yx() + c * m.yy(), m.ox(), m.oy())));
        }
        return g.withXforms(xs);
    }

    private static List<Xform> padded(List<Xform> xs, int n) {
        List<Xform> out = new ArrayList<>(xs);
        while (out.size() < n) {
            out.add(identity(0));
        }
        return out;
    }

    private static Xform identity(double weight) {
        return new Xform(weight, 0, 0, 1, Affine.IDENTITY, Affine.IDENTITY,
                List.of(VariationTerm.of(bloom.flame.variation.Variations.byName("linear").orElseThrow(), 1)),
                new double[0], true, "");
    }

    private static Xform xform(Xform a, Xform b, double t) {
        Map<Variation, double[]> weights = new LinkedHashMap<>(); // variation -> {weight a, weight b}
        Map<Variation, double[][]> params = new LinkedHashMap<>();
        for (VariationTerm v : a.variations()) {
            weights.computeIfAbsent(v.variation(), k -> new double[2])[0] = v.weight();
            params.computeIfAbsent(v.variation(), k -> new double[][] {v.parameters(), v.parameters()})[0] = v.parameters();
        }
        for (VariationTerm v : b.variations()) {
            weights.computeIfAbsent(v.variation(), k -> new double[2])[1] = v.weight();
            double[][] p = params.computeIfAbsent(v.variation(), k -> new double[][] {v.parameters(), v.parameters()});
            p[1] = v.parameters();
        }
        List<VariationTerm> terms = new ArrayList<>();
        for (Map.Entry<Variation, double[]> e : weights.entrySet()) {
            double[][] p = params.get(e.getKey());
            double[] mix = new double[p[0].length];
            for (int i = 0; i < mix.length; i++) {
                mix[i] = lerp(p[0][i], p[1][i], t);
            }
            terms.add(new VariationTerm(e.getKey(), lerp(e.getValue()[0], e.getValue()[1], t), mix));
        }
        int nx = Math.max(a.xaos().length, b.xaos().length);
        double[] xaos = new double[nx];
        for (int i = 0; i < nx; i++) {
            xaos[i] = lerp(a.xaosTo(i), b.xaosTo(i), t);
        }
        return new Xform(lerp(a.weight(), b.weight(), t), lerp(a.colour(), b.colour(), t),
                lerp(a.colourSpeed(), b.colourSpeed(), t), lerp(a.opacity(), b.opacity(), t),
                affine(a.pre(), b.pre(), t), affine(a.post(), b.post(), t), terms, xaos,
                a.animate() || b.animate(), t < 0.5 ? a.name() : b.name());
    }

    /** Log-polar interpolation of the axis images, linear of the translation. */
    static Affine affine(Affine a, Affine b, double t) {
        double[] x = polar(a.xx(), a.xy(), b.xx(), b.xy(), t);
        double[] y = polar(a.yx(), a.yy(), b.yx(), b.yy(), t);
        return new Affine(x[0], x[1], y[0], y[1], lerp(a.ox(), b.ox(), t), lerp(a.oy(), b.oy(), t));
    }

    private static double[] polar(double ax, double ay, double bx, double by, double t) {
        double ra = Math.hypot(ax, ay);
        double rb = Math.hypot(bx, by);
        if (ra < 1e-12 || rb < 1e-12) {
            return new double[] {lerp(ax, bx, t), lerp(ay, by, t)};
        }
        double aa = Math.atan2(ay, ax);
        double ab = Math.atan2(by, bx);
        double d = ab - aa;
        d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI)); // the shorter way round
        double ang = aa + t * d;
        double r = Math.exp(lerp(Math.log(ra), Math.log(rb), t));
        return new double[] {r * Math.cos(ang), r * Math.sin(ang)};
    }

    /** Entry by entry in HSV, hue the shorter way round. */
    static Palette palette(Palette a, Palette b, double t) {
        if (a.equals(b)) {
            return a;
        }
        float[] out = new float[Palette.SIZE * 3];
        float[] ha = new float[3];
        float[] hb = new float[3];
        for (int i = 0; i < Palette.SIZE; i++) {
            java.awt.Color.RGBtoHSB(Math.round(a.red(i) * 255), Math.round(a.green(i) * 255), Math.round(a.blue(i) * 255), ha);
            java.awt.Color.RGBtoHSB(Math.round(b.red(i) * 255), Math.round(b.green(i) * 255), Math.round(b.blue(i) * 255), hb);
            double dh = hb[0] - ha[0];
            dh -= Math.rint(dh);
            double h = ha[0] + t * dh;
            h -= Math.floor(h);
            int rgb = java.awt.Color.HSBtoRGB((float) h, (float) lerp(ha[1], hb[1], t), (float) lerp(ha[2], hb[2], t));
            out[3 * i] = ((rgb >> 16) & 0xff) / 255f;
            out[3 * i + 1] = ((rgb >> 8) & 0xff) / 255f;
            out[3 * i + 2] = (rgb & 0xff) / 255f;
        }
        return Palette.of(out);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}

package bloom.flame.genome;

import java.util.Arrays;

/**
 * Ember's colour curves: four rational cubic Bezier curves (overall, red, green, blue), each
 * with four control points (x, y) in [0, 1] and weights, mapping a channel's value x to y after
 * tone mapping. A channel passes its curve first, then the overall one. {@link #IDENTITY} leaves
 * colours alone.
 *
 * @param values 48 numbers, as the XML attribute lists them: for each curve, for each point, x y weight
 */
public record Curves(double[] values) {

    public static final int CURVES = 4;
    public static final int POINTS = 4;
    public static final Curves IDENTITY = new Curves(identityValues());

    private static final int LUT = 1024;

    public Curves {
        if (values.length != CURVES * POINTS * 3) {
            throw new IllegalArgumentException("Curves need " + CURVES * POINTS * 3 + " numbers, got " + values.length);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Curves must be finite numbers");
            }
        }
        values = values.clone();
    }

    private static double[] identityValues() {
        double[] one = {0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1};
        double[] v = new double[CURVES * POINTS * 3];
        for (int c = 0; c < CURVES; c++) {
            System.arraycopy(one, 0, v, c * 12, 12);
        }
        return v;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public boolean isIdentity() {
        return Arrays.equals(values, IDENTITY.values);
    }

    /**
     * Lookup tables, one per curve, of {@code y} at {@code LUT} evenly spaced {@code x}: the
     * parametric curve is sampled densely and inverted in x (curves are meant to be monotonic
     * in x; where not, the last sample wins). Outside the x range the curve spans (Fractorium
     * writes curves that end at x = 0.75) a table holds the curve's end value.
     */
    public float[][] tables() {
        float[][] t = new float[CURVES][LUT];
        for (int c = 0; c < CURVES; c++) {
            double[] xs = new double[POINTS];
            double[] ys = new double[POINTS];
            double[] ws = new double[POINTS];
            for (int p = 0; p < POINTS; p++) {
                xs[p] = values[c * 12 + 3 * p];
                ys[p] = values[c * 12 + 3 * p + 1];
                ws[p] = values[c * 12 + 3 * p + 2];
            }
            int samples = LUT * 8;
            double[] sx = new double[samples + 1];
            double[] sy = new double[samples + 1];
            for (int i = 0; i <= samples; i++) {
                double u = i / (double) samples, m = 1 - u;
                double[] b = {m * m * m, 3 * m * m * u, 3 * m * u * u, u * u * u};
                double nx = 0, ny = 0, d = 0;
                for (int p = 0; p < POINTS; p++) {
                    nx += b[p] * ws[p] * xs[p];
                    ny += b[p] * ws[p] * ys[p];
                    d += b[p] * ws[p];
                }
                sx[i] = d == 0 ? u : nx / d;
                sy[i] = d == 0 ? u : ny / d;
            }
            int j = 0;
            for (int k = 0; k < LUT; k++) {
                double x = k / (double) (LUT - 1);
                while (j < samples - 1 && sx[j + 1] < x) {
                    j++;
                }
                double f = sx[j + 1] > sx[j] ? (x - sx[j]) / (sx[j + 1] - sx[j]) : 0;
                f = Math.max(0, Math.min(1, f));
                t[c][k] = (float) Math.max(0, Math.min(1, sy[j] + f * (sy[j + 1] - sy[j])));
            }
        }
        return t;
    }

    /** Applies table {@code t} (from {@link #tables()}) to a value in [0, 1]. */
    public static float apply(float[] t, float v) {
        float pos = Math.max(0, Math.min(1, v)) * (t.length - 1);
        int i = (int) pos;
        if (i >= t.length - 1) {
            return t[t.length - 1];
        }
        float f = pos - i;
        return t[i] + f * (t[i + 1] - t[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curves c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}

package bloom.flame.variation;

/**
 * Faster versions of the JDK functions that are not intrinsics (fdlibm in Java): hyperbolic
 * sine and cosine from one exp, and atan2 to within 1e-14 of {@link Math#atan2} at a fraction of
 * its cost. For atan2 the argument is reduced to t = min/max in [0, 1], then to
 * u = (t - c) / (1 + t c) around the nearest of nine centres c = k/8, where |u| <= 1/16 and five
 * terms of atan's series u - u^3/3 + ... + u^9/9 leave an error below u^11/11 < 5e-15.
 */
public final class FastMath {

    private static final double[] CENTRE_ATAN = new double[9];

    static {
        for (int k = 0; k <= 8; k++) {
            CENTRE_ATAN[k] = Math.atan(k / 8.0);
        }
    }

    private FastMath() {}

    /**
     * The remainder of a / b with the sign of a (Java's {@code %} on doubles, C's {@code fmod}). The
     * variations call it rather than writing {@code %}, so that their source reads the same in C.
     */
    public static double fmod(double a, double b) {
        return a % b;
    }

    /** cosh from one intrinsic exp (the JDK's cosh is not an intrinsic). */
    public static double cosh(double x) {
        double e = Math.exp(Math.abs(x));
        return 0.5 * (e + 1 / e);
    }

    /** sinh from one intrinsic exp; near 0, where that loses digits, the series. */
    public static double sinh(double x) {
        double ax = Math.abs(x);
        if (ax < 1e-4) {
            return x * (1 + x * x / 6);
        }
        double e = Math.exp(ax);
        double r = 0.5 * (e - 1 / e);
        return x < 0 ? -r : r;
    }

    public static double atan2(double y, double x) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        boolean swap = ay > ax;
        double max = swap ? ay : ax;
        double min = swap ? ax : ay;
        if (!(max > 0) || max == Double.POSITIVE_INFINITY) {
            return Math.atan2(y, x); // zeros, infinities and NaN: the JDK's exact conventions
        }
        double t = min / max;
        int k = (int) (t * 8 + 0.5);
        double c = k / 8.0;
        double u = (t - c) / (1 + t * c);
        double u2 = u * u;
        double a = CENTRE_ATAN[k] + u * (1 - u2 * (1.0 / 3 - u2 * (1.0 / 5 - u2 * (1.0 / 7 - u2 * (1.0 / 9)))));
        if (swap) {
            a = Math.PI / 2 - a;
        }
        if (x < 0) {
            a = Math.PI - a;
        }
        return Math.copySign(a, y);
    }
}

package bloom.flame.genome;

/**
 * A 2-D affine map in flam3's layout: {@code x' = xx*x + yx*y + ox}, {@code y' = xy*x + yy*y + oy}.
 * The XML attribute {@code coefs="xx xy yx yy ox oy"} lists the images of the x axis, the y axis
 * and the origin.
 */
public record Affine(double xx, double xy, double yx, double yy, double ox, double oy) {

    public static final Affine IDENTITY = new Affine(1, 0, 0, 1, 0, 0);

    /**
     * Whether this is the identity map. Compares the coefficients as numbers: a record's own
     * {@code equals} is built at run time from method handles, about 24 generated classes on the
     * first call, which every render makes.
     */
    public boolean isIdentity() {
        return xx == 1 && xy == 0 && yx == 0 && yy == 1 && ox == 0 && oy == 0;
    }

    public boolean isFinite() {
        return Double.isFinite(xx) && Double.isFinite(xy) && Double.isFinite(yx)
                && Double.isFinite(yy) && Double.isFinite(ox) && Double.isFinite(oy);
    }

    public double determinant() {
        return xx * yy - xy * yx;
    }

    /** The six coefficients in XML order. */
    public double[] toArray() {
        return new double[] {xx, xy, yx, yy, ox, oy};
    }

    public static Affine of(double[] c) {
        if (c.length != 6) {
            throw new IllegalArgumentException("An affine map has 6 coefficients, got " + c.length);
        }
        return new Affine(c[0], c[1], c[2], c[3], c[4], c[5]);
    }
}

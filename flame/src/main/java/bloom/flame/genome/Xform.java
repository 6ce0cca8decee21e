package bloom.flame.genome;

import java.util.List;
import java.util.Objects;

/**
 * One function of the iterated function system: a pre-affine map, a weighted sum of variations,
 * a post-affine map, and how it colours the points it moves.
 *
 * @param weight      relative probability of choosing this xform (ignored for a final xform)
 * @param colour      palette coordinate in [0, 1] this xform pulls the point's colour towards
 * @param colourSpeed how far it pulls: new = speed * colour + (1 - speed) * old (flam3's
 *                    {@code color_speed}; the legacy {@code symmetry} s is (1 - 2 speed))
 * @param opacity     in [0, 1]: how strongly points it produces are plotted
 * @param pre         the affine map applied before the variations
 * @param post        the affine map applied after them
 * @param variations  the terms of the sum, at least one
 * @param xaos        flam3 "chaos": multipliers of the weights of the xform chosen next after
 *                    this one; empty means all ones
 * @param animate     whether animation may move it (flam3 {@code animate}); symmetry xforms say no
 * @param name        free text an artist may set, kept for round trips
 */
public record Xform(double weight, double colour, double colourSpeed, double opacity,
                    Affine pre, Affine post, List<VariationTerm> variations, double[] xaos, boolean animate, String name) {

    public Xform {
        Objects.requireNonNull(pre, "pre");
        Objects.requireNonNull(post, "post");
        variations = List.copyOf(variations);
        xaos = xaos.clone();
        name = name == null ? "" : name;
    }

    @Override
    public double[] xaos() {
        return xaos.clone();
    }

    /** The xaos multiplier towards xform {@code next}, 1 where unspecified. */
    public double xaosTo(int next) {
        return next < xaos.length ? xaos[next] : 1.0;
    }

    public Xform withPre(Affine pre) {
        return new Xform(weight, colour, colourSpeed, opacity, pre, post, variations, xaos, animate, name);
    }

    public Xform withColour(double colour) {
        return new Xform(weight, colour, colourSpeed, opacity, pre, post, variations, xaos, animate, name);
    }

    public Xform withOpacity(double opacity) {
        return new Xform(weight, colour, colourSpeed, opacity, pre, post, variations, xaos, animate, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xform x && Double.compare(x.weight, weight) == 0 && Double.compare(x.colour, colour) == 0
                && Double.compare(x.colourSpeed, colourSpeed) == 0 && Double.compare(x.opacity, opacity) == 0
                && x.pre.equals(pre) && x.post.equals(post) && x.variations.equals(variations)
                && java.util.Arrays.equals(x.xaos, xaos) && x.animate == animate && x.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weight, colour, pre, post, variations);
    }
}

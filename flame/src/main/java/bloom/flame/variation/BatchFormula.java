package bloom.flame.variation;

/**
 * A variation applied to a whole run of points ({@link Lanes}) at once: adds
 * {@code weight * V(tx[i], ty[i])} to {@code (px[i], py[i])} for every point of the run (a
 * pre-variation moves {@code tx, ty, tz}; a post-variation changes {@code px, py, pz}). It
 * computes the same function as the variation's {@link Variation.Formula}; the vector versions
 * ({@link VectorVariations}) are tested against it.
 */
@FunctionalInterface
public interface BatchFormula {
    void apply(Lanes lanes, double weight, double[] p, int o);

    /** The scalar formula, point by point: for variations that have no vector version. */
    static BatchFormula of(Variation.Formula f) {
        return (l, w, p, o) -> {
            IterationState s = l.state;
            double[] tx = l.tx, ty = l.ty, tz = l.tz, px = l.px, py = l.py, pz = l.pz, dc = l.dc;
            for (int i = l.from, n = l.from + l.count; i < n; i++) {
                s.tx = tx[i];
                s.ty = ty[i];
                s.tz = tz[i];
                s.moved();
                s.px = px[i];
                s.py = py[i];
                s.pz = pz[i];
                s.dc = dc[i];
                f.apply(s, w, p, o);
                tx[i] = s.tx;
                ty[i] = s.ty;
                tz[i] = s.tz;
                px[i] = s.px;
                py[i] = s.py;
                pz[i] = s.pz;
                dc[i] = s.dc;
            }
        };
    }
}

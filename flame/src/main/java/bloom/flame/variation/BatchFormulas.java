package bloom.flame.variation;

/**
 * Picks how a variation runs over a run of points: its vector version ({@link VectorVariations},
 * when the JVM was started with {@code --add-modules jdk.incubator.vector} and the variation has
 * one) or else its scalar formula point by point. {@code -Dbloom.vector=false} forces the
 * scalar formulas, to compare.
 */
public final class BatchFormulas {

    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("bloom.vector"));

    private BatchFormulas() {}

    /** Whether vector versions are in use in this JVM. */
    public static boolean vectorised() {
        return VECTOR;
    }

    /**
     * Whether {@link #of} gives {@code v}'s vector version. Only the scalar formulas of the
     * direct-colour variations write {@link Lanes#dc}; a vector version never does.
     */
    public static boolean vectorised(Variation v) {
        return VECTOR && VectorVariations.get(v.id()) != null;
    }

    public static BatchFormula of(Variation v) {
        BatchFormula b = VECTOR ? VectorVariations.get(v.id()) : null;
        return b != null ? b : BatchFormula.of(v.formula());
    }
}

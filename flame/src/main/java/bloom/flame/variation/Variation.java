package bloom.flame.variation;

import java.util.List;

/**
 * One variation function V: R^2 -> R^2 of the flame algorithm. Declared with its flam3 name, its
 * parameters and its formula together; see {@link Variations} for the registry.
 */
public final class Variation {

    /** Adds {@code weight * V(tx, ty)} to {@code (px, py)}; parameters are {@code p[o], p[o+1], ...}. */
    @FunctionalInterface
    public interface Formula {
        void apply(IterationState s, double weight, double[] p, int o);
    }

    private final String name;
    private final int id;
    private final List<Parameter> parameters;
    private final Formula formula;
    private final Stage stage;
    private final Variation base;

    /** When a variation runs within its xform. */
    public enum Stage {
        /** Moves the input point {@code (tx, ty, tz)} before the other variations see it ({@code pre_blur}). */
        PRE,
        /** Adds its weighted output to {@code (px, py, pz)}. */
        REGULAR,
        /** Changes the summed output {@code (px, py, pz)} after the regular variations ({@code flatten}). */
        POST
    }

    Variation(String name, int id, List<Parameter> parameters, Formula formula, Stage stage) {
        this(name, id, parameters, formula, stage, null);
    }

    Variation(String name, int id, List<Parameter> parameters, Formula formula, Stage stage, Variation base) {
        this.name = name;
        this.id = id;
        this.parameters = List.copyOf(parameters);
        this.formula = formula;
        this.stage = stage;
        this.base = base;
    }

    /**
     * For the {@code pre_} and {@code post_} form of a variation ({@code pre_falloff2},
     * {@code post_curl}), the variation it applies; empty for a variation declared with its own formula.
     */
    public java.util.Optional<Variation> base() {
        return java.util.Optional.ofNullable(base);
    }

    public Stage stage() {
        return stage;
    }

    /** The flam3 XML attribute name, e.g. {@code "julian"}. */
    public String name() {
        return name;
    }

    /** Index in the registry, stable within one build; the compiled genome refers to variations by it. */
    public int id() {
        return id;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Default values of the parameters, in declaration order. */
    public double[] defaults() {
        double[] d = new double[parameters.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parameters.get(i).defaultValue();
        }
        return d;
    }

    public void apply(IterationState s, double weight, double[] p, int o) {
        formula.apply(s, weight, p, o);
    }

    /** The formula itself, for renderers that call it without this wrapper. */
    public Formula formula() {
        return formula;
    }

    @Override
    public String toString() {
        return name;
    }
}

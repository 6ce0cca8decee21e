package bloom.flame.genome;

import bloom.flame.variation.Variation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One term {@code weight * V(p)} of an xform's sum of variations, with the variation's parameter
 * values in the order of {@link Variation#parameters()}.
 */
public record VariationTerm(Variation variation, double weight, double[] parameters) {

    public VariationTerm {
        Objects.requireNonNull(variation, "variation");
        if (parameters.length != variation.parameters().size()) {
            throw new IllegalArgumentException("Variation " + variation.name() + " takes "
                    + variation.parameters().size() + " parameters, got " + parameters.length);
        }
        parameters = parameters.clone();
    }

    /** The term with the variation's default parameters. */
    public static VariationTerm of(Variation variation, double weight) {
        return new VariationTerm(variation, weight, variation.defaults());
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    public double parameter(int i) {
        return parameters[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariationTerm t && t.variation == variation
                && Double.compare(t.weight, weight) == 0 && Arrays.equals(t.parameters, parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(variation.name(), weight, Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
        return variation.name() + "=" + weight + (parameters.length == 0 ? "" : Arrays.toString(parameters));
    }
}

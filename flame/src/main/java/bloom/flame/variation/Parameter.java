package bloom.flame.variation;

/**
 * A named variation parameter, as its flam3 XML attribute ({@code julian_power}), with its
 * default.
 *
 * @param optional written to XML only when it differs from its default: an Ember extension of a
 *                 flam3 variation ({@code waves2_scalez}) that flam3 itself would not recognise
 */
public record Parameter(String name, double defaultValue, boolean optional) {

    public Parameter(String name, double defaultValue) {
        this(name, defaultValue, false);
    }
}

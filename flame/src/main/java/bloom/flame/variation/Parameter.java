package bloom.flame.variation;

/** A named variation parameter, as its flam3 XML attribute ({@code julian_power}), with its default. */
public record Parameter(String name, double defaultValue) {}

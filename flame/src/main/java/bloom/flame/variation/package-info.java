/**
 * The variation library, declared once: each variation's flam3 XML name, its parameters with
 * defaults and its maths live together in one registry that XML I/O, random genomes, tests and
 * the renderers are driven from.
 */
package bloom.flame.variation;

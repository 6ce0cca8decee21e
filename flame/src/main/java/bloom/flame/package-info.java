/**
 * Fractal flames (Draves and Reckase, "The Fractal Flame Algorithm"): immutable genomes, the
 * variation registry, flam3 XML, and renderers over a compiled genome. Knows nothing of
 * training, files of runs, windows or the command line.
 */
package bloom.flame;

/**
 * The {@code bloom} command line: thin picocli commands that parse options into settings
 * records and call the pipelines, which wire training, palettes, folding, rendering and video.
 */
package bloom.cli;

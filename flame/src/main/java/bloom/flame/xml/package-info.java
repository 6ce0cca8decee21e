/**
 * flam3 XML: reads the flam3 and Ember/Fractorium dialects ({@code .flam3}, {@code .flame}) into
 * genomes and writes genomes back; every problem names the file and line.
 */
package bloom.flame.xml;

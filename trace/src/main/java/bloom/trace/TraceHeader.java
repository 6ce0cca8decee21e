package bloom.trace;

/**
 * What every record of a trace shares.
 *
 * @param sketchDims  dimensions of each step sketch
 * @param sketchSeed  the seed of the sketch's hash functions
 * @param parameters  number of trained parameters the sketches summarise
 * @param description free text: the model and where its embeddings came from
 */
public record TraceHeader(int sketchDims, long sketchSeed, long parameters, String description) {}

package bloom.trace;

/**
 * What every record of a trace shares.
 *
 * @param sketchDims  dimensions of each step sketch
 * @param sketchSeed  the seed of the sketch's hash functions
 * @param parameters  number of trained parameters the sketches summarise
 * @param description free text: the model and where its embeddings came from
 * @param specialRows leading rows of every embedding snapshot that are not ordinary tokens (the
 *                    translator's padding, start, end and unknown): the palette leaves them out
 */
public record TraceHeader(int sketchDims, long sketchSeed, long parameters, String description, int specialRows) {

    /**
     * What a trace written before headers named their special rows holds: every such trace came
     * from the translator, whose vocabularies start with four.
     */
    public static final int LEGACY_SPECIAL_ROWS = 4;

    public TraceHeader {
        if (specialRows < 0) {
            throw new IllegalArgumentException("special rows " + specialRows + ": expected 0 or more");
        }
    }

    /** A header whose snapshots have no special rows. */
    public TraceHeader(int sketchDims, long sketchSeed, long parameters, String description) {
        this(sketchDims, sketchSeed, parameters, description, 0);
    }
}

package bloom.trace;

/**
 * Layout of {@code trace.bin}: the 8-byte magic {@code BLOOMTR1}, then records. Each record is
 * {@code int length} (bytes of type and payload), {@code byte type}, the payload, and
 * {@code int crc32} of type and payload; all big-endian. A record cut short by a crash fails its
 * length or checksum and ends the readable trace there; a damaged record with whole records
 * after it is skipped, and reading resumes at the next position where a record's length agrees
 * with its own counts and its checksum matches.
 *
 * <pre>
 * HEADER     int sketchDims, long sketchSeed, long parameters, UTF description, int specialRows
 *            (specialRows is absent from traces written before it: they mean 4)
 * STEP       long step, int epoch, double loss, double gradNorm, double updateNorm,
 *            double paramNorm, int k, float[k] sketch
 * EMBEDDINGS long step, int rows, int cols, float[rows * cols]
 * EVALUATION long step, double bleu, int sentences
 * EVENT      long step, byte kind (Event.Kind ordinal), UTF text
 * </pre>
 */
final class TraceFormat {

    static final byte[] MAGIC = {'B', 'L', 'O', 'O', 'M', 'T', 'R', '1'};
    static final byte HEADER = 1;
    static final byte STEP = 2;
    static final byte EMBEDDINGS = 3;
    static final byte EVALUATION = 4;
    static final byte EVENT = 5;
    /** No record is larger than this: guards against reading garbage lengths. */
    static final int MAX_RECORD = 1 << 30;

    private TraceFormat() {}
}

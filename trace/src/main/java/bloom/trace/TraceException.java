package bloom.trace;

/** A trace file that cannot be read; the message names the file. */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}

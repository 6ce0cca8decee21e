package bloom.cli;

/** An error the user can act on: printed as one line, with the exit code it carries. */
public final class BloomException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public BloomException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BloomException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static BloomException badInput(String message) {
        return new BloomException(ExitCodes.BAD_INPUT, message);
    }

    public static BloomException unavailable(String message) {
        return new BloomException(ExitCodes.UNAVAILABLE, message);
    }

    public static BloomException usage(String message) {
        return new BloomException(ExitCodes.USAGE, message);
    }
}

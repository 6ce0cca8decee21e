package bloom.film;

/**
 * A failure the user can act on, in one line: a setting out of range, a run directory that is
 * not one, a resource this machine lacks. Its kind says which, so that a command line can turn
 * it into an exit code and a cluster driver into a job failure.
 */
public final class FilmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms a caller maps to an exit code. */
    public enum Kind {
        /** A setting or option was wrong (the message names it). */
        USAGE,
        /** An input file was wrong: a flame, a trace, a run directory's JSON. */
        BAD_INPUT,
        /** Reading or writing failed. */
        IO,
        /** Memory, a GPU or a run directory another process holds is not available. */
        UNAVAILABLE
    }

    private final Kind kind;

    public FilmException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FilmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static FilmException usage(String message) {
        return new FilmException(Kind.USAGE, message);
    }

    public static FilmException badInput(String message) {
        return new FilmException(Kind.BAD_INPUT, message);
    }

    public static FilmException io(String message) {
        return new FilmException(Kind.IO, message);
    }

    public static FilmException unavailable(String message) {
        return new FilmException(Kind.UNAVAILABLE, message);
    }
}

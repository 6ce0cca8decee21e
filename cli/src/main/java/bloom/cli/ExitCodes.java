package bloom.cli;

/** Exit codes of the bloom command, named. */
public final class ExitCodes {
    /** Done as asked. */
    public static final int OK = 0;
    /** An unexpected internal failure (a bug): the message says what failed. */
    public static final int SOFTWARE = 1;
    /** The command line was wrong: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** An input file was wrong: corpus, flame, configuration, trace. */
    public static final int BAD_INPUT = 3;
    /** Reading or writing failed: permissions, a full disk. */
    public static final int IO = 4;
    /**
     * A resource the command needs is not on this machine or not free: a GPU for --device cuda,
     * memory for the render asked for, a run directory another process holds.
     */
    public static final int UNAVAILABLE = 5;
    /** Stopped by the user (Ctrl-C); the run directory can be resumed. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}

package bloom.flame.xml;

/** A flame file that cannot be read as it is; the message names the source and line. */
public final class FlameFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The longest problem a message carries: a line a terminal shows whole, not a page of attribute text. */
    static final int MAX_PROBLEM = 400;

    private final String source;
    private final int line;
    private final String problem;

    public FlameFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + capped(problem));
        this.source = source;
        this.line = line;
        this.problem = capped(problem);
    }

    static String capped(String problem) {
        return problem.length() <= MAX_PROBLEM ? problem : problem.substring(0, MAX_PROBLEM - 1) + "…";
    }

    /** What is wrong, without the source and line. */
    public String problem() {
        return problem;
    }

    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }
}

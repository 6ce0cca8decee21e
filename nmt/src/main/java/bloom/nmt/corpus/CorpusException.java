package bloom.nmt.corpus;

import java.nio.file.Path;

/** A corpus file that cannot be used as it is; the message names the file and, where known, the line. */
public final class CorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public CorpusException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}

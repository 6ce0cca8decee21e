package bloom.trace;

import java.nio.file.Path;

/**
 * Receives the trace as training writes it, for a consumer in the same process (a renderer
 * drawing frames while training runs). Called on the training thread: an implementation hands
 * the records on and returns; it may block to slow training down when its consumer falls behind.
 */
public interface TraceFeed extends TraceSink {

    /**
     * Training starts, or resumes after {@code fromStep}: {@code traceFile} now holds exactly the
     * records up to that step, and every later record comes through this feed.
     */
    default void started(Path traceFile, long fromStep) { }

    /** No record follows: training ended ({@code completed}) or failed. */
    default void finished(boolean completed) { }
}

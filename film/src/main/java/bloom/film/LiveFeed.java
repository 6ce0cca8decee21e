package bloom.film;

import bloom.trace.EmbeddingSnapshot;
import bloom.trace.Evaluation;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import bloom.trace.TraceFeed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over from the training thread to the renderer in one process: the records in the
 * order they were written, through a bounded queue. When the renderer falls the queue's capacity
 * behind, the trainer waits at its next record: a slow renderer slows training down
 * instead of filling the heap. If the renderer fails, the trainer's next record throws, so
 * neither runs on alone.
 */
public final class LiveFeed implements TraceFeed {

    /** Records and snapshots the renderer may fall behind by (about 5 MB of records, 24 MB of snapshots at the defaults). */
    public static final int DEFAULT_CAPACITY = 4096;

    private static final Object END_OK = new Object();
    private static final Object END_FAILED = new Object();

    private final BlockingQueue<Object> queue;
    private volatile Throwable consumerFailure;
    private volatile boolean ended;
    private volatile boolean completed;

    public LiveFeed(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void started(Path traceFile, long fromStep) {
        try {
            put(Trace.read(traceFile)); // the header, and on a resume everything up to fromStep
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void step(StepRecord record) {
        put(record);
    }

    @Override
    public void embeddings(EmbeddingSnapshot snapshot) {
        put(snapshot);
    }

    @Override
    public void evaluation(Evaluation evaluation) {
        put(evaluation);
    }

    @Override
    public void event(bloom.trace.Event event) {
        put(event);
    }

    /** Whether training has ended (records may still wait in the queue). */
    boolean trainingEnded() {
        return ended;
    }

    /** Whether training ended by finishing (not by failing). */
    boolean trainingCompleted() {
        return completed;
    }

    @Override
    public void finished(boolean completed) {
        this.completed = completed;
        ended = true;
        Object end = completed ? END_OK : END_FAILED;
        while (consumerFailure == null) {
            try {
                if (queue.offer(end, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                failIfConsumerFailed();
            }
            failIfConsumerFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a record to the renderer", e);
        }
    }

    private void failIfConsumerFailed() {
        Throwable t = consumerFailure;
        if (t != null) {
            throw new IllegalStateException("the renderer stopped: " + t.getMessage(), t);
        }
    }

    /** The renderer failed: the trainer stops at its next record. */
    void consumerFailed(Throwable t) {
        consumerFailure = t;
        queue.clear();
    }

    /** What the consumer takes: a {@link Trace}, a record, a snapshot, an evaluation, or an end marker. */
    Object take(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    static boolean isEnd(Object item) {
        return item == END_OK || item == END_FAILED;
    }

    static boolean completed(Object item) {
        return item == END_OK;
    }
}

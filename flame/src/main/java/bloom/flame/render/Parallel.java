package bloom.flame.render;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work over a range of rows on several threads: the rows are cut into chunks that the threads
 * take in turn, the calling thread among them. Each chunk's work must not touch another's
 * output, so the result does not depend on the number of threads or on which thread ran what.
 */
final class Parallel {

    /** The work of rows {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Rows {
        void run(int from, int to);
    }

    private Parallel() {}

    /** Runs {@code work} over rows 0 to {@code n} in chunks of {@code chunk} rows on up to {@code threads} threads. */
    static void rows(int threads, int n, int chunk, Rows work) {
        int chunks = (n + chunk - 1) / chunk;
        int t = Math.max(1, Math.min(threads, chunks));
        if (t == 1) {
            work.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable take = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                work.run(c * chunk, Math.min(n, (c + 1) * chunk));
            }
        };
        List<Thread> helpers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 1; i < t; i++) {
            Thread th = new Thread(() -> {
                try {
                    take.run();
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "bloom-tone");
            th.setDaemon(true);
            th.start();
            helpers.add(th);
        }
        take.run();
        for (Thread th : helpers) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Tone mapping interrupted", e);
            }
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException re) {
                throw re;
            } else if (failure[0] instanceof Error err) {
                throw err;
            } else if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
        }
    }
}

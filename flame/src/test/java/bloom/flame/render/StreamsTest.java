package bloom.flame.render;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A render's random streams run in slices that any thread may take ({@link CpuRenderer.Streams}):
 * the histograms must not depend on how the streams were sliced or who ran them, and a thread
 * that runs faster must take over work instead of waiting for a slower one at the end.
 */
class StreamsTest {

    private static final Genome GENOME = TestImages.genome("/golden/julia-swirl.flame");
    private static final CompiledGenome COMPILED = CompiledGenome.compile(GENOME);
    private static final Projection VIEW = Projection.of(GENOME.camera().resized(120, 90), 1, 120, 90);
    /** Iterations per stream: several rounds of full pools, and a short last round. */
    private static final long SHARE = 3 * CpuRenderer.POOL * (long) CpuRenderer.SUB_BATCH / 4 + 12_345;

    private static CpuRenderer.Worker stream(int index) {
        return new CpuRenderer.Worker(COMPILED, VIEW, SHARE, ChaosGame.mix(5, index), new AtomicLong(), 3 * SHARE, f -> { });
    }

    @Test
    void aStreamSlicedAnyWayFillsTheHistogramItFillsInOneGo() {
        CpuRenderer.Worker whole = stream(0);
        whole.run();
        for (int steps : new int[] {1, 7, CpuRenderer.Streams.SLICE_STEPS, 1000}) {
            CpuRenderer.Worker sliced = stream(0);
            int slices = 0;
            while (!sliced.slice(steps)) {
                slices++;
            }
            assertTrue(slices > 0, "the stream ran in slices of " + steps);
            assertEquals(0, sliced.remaining());
            assertArrayEquals(whole.cells, sliced.cells, "slices of " + steps + " steps");
        }
    }

    /**
     * Two threads on three streams, one running three slices for each two of the other's: every
     * stream finishes with the histogram it would have had alone, the fast thread runs about
     * three fifths of the slices, and when either thread finds nothing left to take, the other
     * has no more than a few slices to go. (Kept to whole streams, the fast thread would run
     * two streams to the slow one's one and the slow one would wait for it a sixth of the render.)
     */
    @Test
    void aFasterThreadTakesOverWorkAndTheStreamsEndTogether() {
        List<CpuRenderer.Worker> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(stream(i));
        }
        CpuRenderer.Streams streams = new CpuRenderer.Streams(workers);
        CpuRenderer.Worker[] held = {streams.next(null), streams.next(null)};
        assertTrue(held[0] != held[1] && held[0] != null && held[1] != null);
        int[] pace = {3, 2};
        int[] slices = new int[2];
        long leftWhenOneIdle = -1;
        while (held[0] != null || held[1] != null) {
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < pace[t] && held[t] != null; k++) {
                    held[t].slice(CpuRenderer.Streams.SLICE_STEPS);
                    slices[t]++;
                    held[t] = streams.next(held[t]);
                    if (held[t] == null && leftWhenOneIdle < 0) {
                        CpuRenderer.Worker other = held[1 - t];
                        leftWhenOneIdle = other == null ? 0 : other.remaining();
                    }
                }
            }
        }
        double share = slices[0] / (double) (slices[0] + slices[1]);
        assertTrue(share > 0.55 && share < 0.65, "the fast thread ran " + slices[0] + " slices, the slow one " + slices[1]);
        long slice = (long) CpuRenderer.Streams.SLICE_STEPS * CpuRenderer.POOL;
        assertTrue(leftWhenOneIdle <= CpuRenderer.Streams.HOP + 2 * slice,
                "left to the other thread when one ran out of work: " + leftWhenOneIdle);
        for (int i = 0; i < 3; i++) {
            CpuRenderer.Worker alone = stream(i);
            alone.run();
            assertEquals(0, workers.get(i).remaining());
            assertArrayEquals(alone.cells, workers.get(i).cells, "stream " + i);
        }
        assertNull(streams.next(null), "nothing left to take");
    }

    @Test
    void oneThreadRunsOneStreamAndMoreRunOneMoreUnlessTheHistogramIsLarge() {
        long small = 656L * 376 * 16; // 640x360 with its gutter: 3.9 MB
        long large = 1936L * 1096 * 16; // 1920x1080: 34 MB
        assertEquals(1, ChaosGame.streams(1, small));
        assertEquals(3, ChaosGame.streams(2, small));
        assertEquals(17, ChaosGame.streams(16, small));
        assertEquals(3, ChaosGame.streams(2, ChaosGame.EXTRA_STREAM_MAX_BYTES));
        assertEquals(2, ChaosGame.streams(2, ChaosGame.EXTRA_STREAM_MAX_BYTES + 1));
        assertEquals(1, ChaosGame.streams(1, large));
        assertEquals(2, ChaosGame.streams(2, large));
        assertEquals(16, ChaosGame.streams(16, large));
    }

    /**
     * A render whose histogram is larger than {@link ChaosGame#EXTRA_STREAM_MAX_BYTES} runs one
     * stream per thread: on two threads its histogram is the sum of streams 0 and 1, each with
     * half the iterations; and the heap it asks for counts two histograms, not three.
     */
    @Test
    void aLargeHistogramRunsOneStreamPerThread() {
        int w = 1000;
        int h = 600;
        Projection large = Projection.of(GENOME.camera().resized(w, h), 1, w, h);
        long bytes = (long) large.hw() * large.hh() * 16;
        assertTrue(bytes > ChaosGame.EXTRA_STREAM_MAX_BYTES, "histogram of " + bytes + " bytes");
        RenderSpec spec = new RenderSpec(w, h, 0.2, 1, 5, 2);
        long iterations = spec.iterations();
        float[] rendered = new CpuRenderer().accumulate(COMPILED, spec, large, f -> { });
        float[] sum = null;
        for (int t = 0; t < 2; t++) {
            CpuRenderer.Worker alone = new CpuRenderer.Worker(COMPILED, large, iterations / 2 + (t < iterations % 2 ? 1 : 0),
                    ChaosGame.mix(5, t), new AtomicLong(), iterations, f -> { });
            alone.run();
            if (sum == null) {
                sum = alone.cells;
            } else {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += alone.cells[i];
                }
            }
        }
        assertArrayEquals(sum, rendered);
        long oneThread = ChaosGame.bytesNeeded(GENOME, new RenderSpec(w, h, 0.2, 1, 5, 1));
        long histogram = ChaosGame.bytesNeeded(GENOME, spec) - oneThread;
        long smallOneThread = ChaosGame.bytesNeeded(GENOME, new RenderSpec(120, 90, 0.2, 1, 5, 1));
        long smallTwoThreads = ChaosGame.bytesNeeded(GENOME, new RenderSpec(120, 90, 0.2, 1, 5, 2));
        assertTrue(histogram >= (long) w * h * 16 && histogram < 2L * w * h * 16, "one histogram more: " + histogram);
        assertTrue(smallTwoThreads - smallOneThread >= 2L * 120 * 90 * 16, "two histograms more at 120x90");
    }
}

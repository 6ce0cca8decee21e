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
    void oneThreadRunsOneStreamAndMoreRunOneMore() {
        assertEquals(1, ChaosGame.streams(1));
        assertEquals(3, ChaosGame.streams(2));
        assertEquals(17, ChaosGame.streams(16));
    }
}

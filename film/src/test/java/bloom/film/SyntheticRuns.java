package bloom.film;

import bloom.flame.fold.FoldSettings;
import bloom.palette.PaletteOptions;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.TraceHeader;
import bloom.trace.TraceWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Run directories written without training, for the tests of film and of the modules that render with it. */
public final class SyntheticRuns {

    /** Sketch dimensions of the synthetic traces. */
    public static final int K = 16;

    /**
     * Samples per pixel: at 4 the frame-to-frame sampling noise of 96x54 frames is as large as
     * the change the steps make (Spearman 0.47 on 30 frames), at 16 the steps show (0.81).
     */
    public static final double QUALITY = 16;

    private SyntheticRuns() {}

    /**
     * Writes RUN/trace.bin: {@code steps} steps whose sizes vary, with embedding snapshots every
     * 5 steps; step {@code nanAt} (or none, with -1) has a NaN loss and an infinite gradient.
     */
    public static void trace(Path run, int steps, int nanAt) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 40;
        int cols = 8;
        float[] emb = new float[rows * cols];
        float[] drift = new float[rows * cols];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) (0.1 * r.nextGaussian());
            drift[i] = (float) (0.01 * r.nextGaussian());
        }
        try (TraceWriter w = TraceWriter.create(run.resolve("trace.bin"), new TraceHeader(K, 1, 1000, "synthetic"))) {
            w.embeddings(new EmbeddingSnapshot(0, rows, cols, emb));
            for (int s = 1; s <= steps; s++) {
                float[] sketch = new float[K];
                for (int k = 0; k < K; k++) {
                    sketch[k] = (float) r.nextGaussian();
                }
                double size = Math.exp(r.nextGaussian());
                if (s == nanAt) {
                    w.step(new StepRecord(s, 0, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 10, sketch));
                } else {
                    w.step(new StepRecord(s, 0, 5.0 / s, size * 3, size, 10, sketch));
                }
                if (s % 5 == 0) {
                    for (int i = 0; i < emb.length; i++) {
                        emb[i] += drift[i] * (1 + i % 3);
                    }
                    w.embeddings(new EmbeddingSnapshot(s, rows, cols, emb));
                }
            }
        }
    }

    /** 96x54 frames of the star at {@link #QUALITY}, {@code threads} rendering threads. */
    public static RenderSettings settings(int segmentFrames, boolean png, int threads) {
        return new RenderSettings("star", 0, new Size(96, 54), QUALITY, 1, 25, threads, 23, png, PaletteOptions.defaults(3),
                FoldSettings.defaults(3), segmentFrames, 7);
    }

    /** Every frame of a video, decoded, as packed RGB. */
    public static List<int[]> decode(Path video) throws IOException {
        List<int[]> out = new ArrayList<>();
        Mp4Encoder.decode(video, (i, w, h, rgb) -> out.add(rgb));
        return out;
    }
}

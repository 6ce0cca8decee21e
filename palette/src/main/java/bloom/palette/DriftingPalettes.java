package bloom.palette;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Palettes that drift with the embeddings, one per snapshot, interpolated in between.
 *
 * <p>The method: sample tokens (rows); start every token's colour at one random RGB point; at
 * each snapshot, project each token's movement since the previous snapshot onto the snapshot's
 * sign-aligned PCA axes and add it (scaled by the temperature) to the token's R, G and B,
 * reflecting at 0 and 1 (a band flipped to BGR adds the first axis to blue and the third to red). A palette stacks these colours across time: each token owns a band of
 * the 256 entries, and along its band runs the token's colour from the start of training (or, for
 * a truncated band, from later) to the palette's moment. Before the embeddings have moved every
 * token still has the starting colour, so early palettes are near-monochrome; as the embeddings
 * spread apart the bands diverge and the palette gains colour.
 */
public final class DriftingPalettes {

    public static final int SIZE = 256;

    private final long[] steps;
    private final float[][] palettes;
    private final int[] tokens;

    private DriftingPalettes(long[] steps, float[][] palettes, int[] tokens) {
        this.steps = steps;
        this.palettes = palettes;
        this.tokens = tokens;
    }

    /**
     * @param steps     the training step of each snapshot, increasing
     * @param snapshots the embedding matrices (rows = tokens), all of one shape
     */
    public static DriftingPalettes fit(long[] steps, List<double[][]> snapshots, PaletteOptions options) {
        int n = snapshots.size();
        if (n == 0 || steps.length != n) {
            throw new IllegalArgumentException("Need one step per snapshot and at least one snapshot, got "
                    + steps.length + " steps for " + n + " snapshots");
        }
        for (int s = 1; s < n; s++) {
            if (steps[s] <= steps[s - 1]) {
                throw new IllegalArgumentException("Snapshot steps must increase: " + steps[s - 1] + " then " + steps[s]);
            }
            if (snapshots.get(s).length != snapshots.get(0).length || snapshots.get(s)[0].length != snapshots.get(0)[0].length) {
                throw new IllegalArgumentException("Snapshot " + s + " has another shape than snapshot 0");
            }
        }
        SplittableRandom rng = new SplittableRandom(options.seed());
        int rows = snapshots.get(0).length;
        int[] tokens = sample(rows, Math.min(options.tokens(), rows), rng.split());
        SplittableRandom bands = rng.split();
        double[] startFraction = new double[tokens.length];
        boolean[] bgr = new boolean[tokens.length];
        for (int j = 0; j < tokens.length; j++) {
            startFraction[j] = bands.nextDouble() < options.truncateProbability() ? 0.3 + 0.5 * bands.nextDouble() : 0;
            bgr[j] = bands.nextDouble() < options.bgrProbability();
        }
        double[] seedColour = {0.2 + 0.6 * rng.nextDouble(), 0.2 + 0.6 * rng.nextDouble(), 0.2 + 0.6 * rng.nextDouble()};

        PcaTrack pca = PcaTrack.fit(snapshots);
        // Movement of each sampled token per snapshot interval, in that snapshot's axes.
        double[][][] moves = new double[n][tokens.length][];
        double[] pathLength = new double[tokens.length];
        for (int s = 1; s < n; s++) {
            double[][] prev = snapshots.get(s - 1);
            double[][] cur = snapshots.get(s);
            for (int j = 0; j < tokens.length; j++) {
                double[] delta = new double[cur[0].length];
                for (int c = 0; c < delta.length; c++) {
                    delta[c] = cur[tokens[j]][c] - prev[tokens[j]][c];
                }
                moves[s][j] = pca.projectDelta(s, delta);
                pathLength[j] += norm(moves[s][j]);
            }
        }
        double median = median(pathLength);
        double gain = median > 0 ? options.temperature() / median : 0;

        double[][][] colours = new double[n][tokens.length][];
        for (int j = 0; j < tokens.length; j++) {
            colours[0][j] = seedColour.clone();
            for (int s = 1; s < n; s++) {
                double[] c = colours[s - 1][j].clone();
                for (int a = 0; a < 3; a++) {
                    // A BGR band reads the axes in reverse: the first axis drives blue, not red.
                    double v = moves[s][j][bgr[j] ? 2 - a : a] * gain;
                    c[a] = reflect(c[a] + (Double.isFinite(v) ? v : 0));
                }
                colours[s][j] = c;
            }
        }
        float[][] palettes = new float[n][];
        for (int s = 0; s < n; s++) {
            palettes[s] = stack(colours, s, startFraction);
        }
        return new DriftingPalettes(steps.clone(), palettes, tokens);
    }

    /** The palette of snapshot {@code s}: bands of token colour histories from their start to s. */
    private static float[] stack(double[][][] colours, int s, double[] startFraction) {
        int bands = startFraction.length;
        float[] out = new float[SIZE * 3];
        for (int i = 0; i < SIZE; i++) {
            int j = i * bands / SIZE;
            int first = j * SIZE / bands;
            int last = (j + 1) * SIZE / bands - 1;
            double u = last > first ? (i - first) / (double) (last - first) : 1;
            double from = startFraction[j] * s;
            double t = from + (s - from) * u;
            int t0 = (int) Math.floor(t);
            int t1 = Math.min(s, t0 + 1);
            double f = t - t0;
            for (int a = 0; a < 3; a++) {
                out[3 * i + a] = (float) ((1 - f) * colours[t0][j][a] + f * colours[t1][j][a]);
            }
        }
        return out;
    }

    public int size() {
        return palettes.length;
    }

    public long step(int s) {
        return steps[s];
    }

    /** Rows of the embedding matrix whose movement colours the palette. */
    public int[] tokens() {
        return tokens.clone();
    }

    /** The palette of snapshot {@code s}: 768 RGB components in [0, 1]. */
    public float[] palette(int s) {
        return palettes[s].clone();
    }

    /**
     * The palette at any training step: linear interpolation between the palettes of the
     * snapshots around it, the first palette before the first snapshot and the last after.
     */
    public float[] paletteAt(double step) {
        int hi = Arrays.binarySearch(steps, (long) Math.ceil(step));
        if (hi >= 0 && steps[hi] == step) {
            return palette(hi);
        }
        int idx = hi >= 0 ? hi : -hi - 1;
        if (idx <= 0) {
            return palette(0);
        }
        if (idx >= steps.length) {
            return palette(steps.length - 1);
        }
        double f = (step - steps[idx - 1]) / (double) (steps[idx] - steps[idx - 1]);
        float[] a = palettes[idx - 1];
        float[] b = palettes[idx];
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - f) * a[i] + f * b[i]);
        }
        return out;
    }

    /**
     * How colourful a palette is: the mean RGB distance of its entries from their mean colour.
     * 0 for a single colour; about 0.5 for colours spread over the whole cube.
     */
    public static double colourfulness(float[] palette) {
        int n = palette.length / 3;
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                mean[a] += palette[3 * i + a] / (double) n;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int a = 0; a < 3; a++) {
                double e = palette[3 * i + a] - mean[a];
                d += e * e;
            }
            sum += Math.sqrt(d);
        }
        return sum / n;
    }

    private static int[] sample(int rows, int k, SplittableRandom rng) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(rows - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }

    /** Folds a value into [0, 1] by mirroring at the edges. */
    static double reflect(double v) {
        double m = v % 2;
        if (m < 0) {
            m += 2;
        }
        return m <= 1 ? m : 2 - m;
    }

    private static double norm(double[] v) {
        return Math.sqrt(PcaTrack.dot(v, v));
    }

    private static double median(double[] v) {
        List<Double> sorted = new ArrayList<>();
        for (double d : v) {
            if (Double.isFinite(d)) {
                sorted.add(d);
            }
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

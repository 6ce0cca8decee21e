package bloom.palette;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Palettes that drift with the embeddings, one per snapshot, built as the snapshots arrive.
 *
 * <p>The method: sample tokens (rows); start every token's colour at one random RGB point; at
 * each snapshot, project each token's movement since the previous snapshot onto the snapshot's
 * sign-aligned PCA axes and add it (scaled) to the token's R, G and B, reflecting at 0 and 1 (a
 * band flipped to BGR adds the first axis to blue and the third to red). A palette stacks these
 * colours across time: each token owns a band of the 256 entries, and along its band runs the
 * token's colour from the start of training (or, for a truncated band, from later) to the
 * palette's moment. Before the embeddings have moved every token still has the starting colour,
 * so early palettes are near-monochrome; as the embeddings spread apart the bands diverge.
 *
 * <p>Causal: the palette of snapshot s depends only on snapshots 0..s, so a palette built while
 * training runs equals the one built afterwards from the whole trace. The scale is causal too:
 * a move is measured against the typical move so far (the mean over the intervals up to s of the
 * median token's move), and {@code temperature} is the colour distance a token travels in
 * {@value #REFERENCE_INTERVALS} typical intervals.
 */
public final class DriftingPalettes {

    public static final int SIZE = 256;
    /** Snapshot intervals over which a typical token travels {@code temperature} in RGB. */
    public static final int REFERENCE_INTERVALS = 40;

    private final PaletteOptions options;
    private final int rows;
    private final int[] tokens;
    private final double[] startFraction;
    private final boolean[] bgr;
    private final double[] seedColour;
    private final List<Long> steps = new ArrayList<>();
    private final List<double[][]> colours = new ArrayList<>(); // [snapshot][token][rgb]
    private final List<float[]> palettes = new ArrayList<>();
    private double[][] lastSnapshot;
    private double[][] lastAxes;
    private double moveSum;
    private int intervals;

    private DriftingPalettes(int rows, PaletteOptions options) {
        this.options = options;
        this.rows = rows;
        SplittableRandom rng = new SplittableRandom(options.seed());
        this.tokens = sample(rows, Math.min(options.tokens(), rows), rng.split());
        SplittableRandom bands = rng.split();
        this.startFraction = new double[tokens.length];
        this.bgr = new boolean[tokens.length];
        for (int j = 0; j < tokens.length; j++) {
            startFraction[j] = bands.nextDouble() < options.truncateProbability() ? 0.3 + 0.5 * bands.nextDouble() : 0;
            bgr[j] = bands.nextDouble() < options.bgrProbability();
        }
        this.seedColour = new double[] {0.2 + 0.6 * rng.nextDouble(), 0.2 + 0.6 * rng.nextDouble(), 0.2 + 0.6 * rng.nextDouble()};
    }

    /** Palettes for snapshots of {@code rows} tokens, none added yet. */
    public static DriftingPalettes start(int rows, PaletteOptions options) {
        if (rows < 2) {
            throw new IllegalArgumentException("Snapshots need at least 2 rows, got " + rows);
        }
        return new DriftingPalettes(rows, options);
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
        DriftingPalettes p = start(snapshots.get(0).length, options);
        for (int s = 0; s < n; s++) {
            p.add(steps[s], snapshots.get(s));
        }
        return p;
    }

    /** Adds the next snapshot: its step must exceed the last one's, its shape match the first's. */
    public void add(long step, double[][] snapshot) {
        int s = steps.size();
        if (s > 0 && step <= steps.get(s - 1)) {
            throw new IllegalArgumentException("Snapshot steps must increase: " + steps.get(s - 1) + " then " + step);
        }
        if (snapshot.length != rows || (lastSnapshot != null && snapshot[0].length != lastSnapshot[0].length)) {
            throw new IllegalArgumentException("Snapshot " + s + " has another shape than snapshot 0");
        }
        double[][] axes = PcaTrack.axes(snapshot, lastAxes);
        double[][] c = new double[tokens.length][];
        if (s == 0) {
            for (int j = 0; j < tokens.length; j++) {
                c[j] = seedColour.clone();
            }
        } else {
            double[][] moves = new double[tokens.length][];
            double[] lengths = new double[tokens.length];
            for (int j = 0; j < tokens.length; j++) {
                double[] delta = new double[snapshot[0].length];
                for (int k = 0; k < delta.length; k++) {
                    delta[k] = snapshot[tokens[j]][k] - lastSnapshot[tokens[j]][k];
                }
                moves[j] = new double[PcaTrack.DIMS];
                for (int a = 0; a < PcaTrack.DIMS; a++) {
                    moves[j][a] = PcaTrack.dot(delta, axes[a]);
                }
                lengths[j] = norm(moves[j]);
            }
            double median = median(lengths);
            if (Double.isFinite(median)) {
                moveSum += median;
                intervals++;
            }
            double typical = intervals > 0 ? moveSum / intervals : 0;
            double gain = typical > 0 ? options.temperature() / (REFERENCE_INTERVALS * typical) : 0;
            double[][] prev = colours.get(s - 1);
            for (int j = 0; j < tokens.length; j++) {
                double[] cj = prev[j].clone();
                for (int a = 0; a < 3; a++) {
                    // A BGR band reads the axes in reverse: the first axis drives blue, not red.
                    double v = moves[j][bgr[j] ? 2 - a : a] * gain;
                    cj[a] = reflect(cj[a] + (Double.isFinite(v) ? v : 0));
                }
                c[j] = cj;
            }
        }
        steps.add(step);
        colours.add(c);
        palettes.add(stack(colours, s, startFraction));
        lastSnapshot = snapshot;
        lastAxes = axes;
    }

    /** The palette of snapshot {@code s}: bands of token colour histories from their start to s. */
    private static float[] stack(List<double[][]> colours, int s, double[] startFraction) {
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
                out[3 * i + a] = (float) ((1 - f) * colours.get(t0)[j][a] + f * colours.get(t1)[j][a]);
            }
        }
        return out;
    }

    /** Snapshots added so far. */
    public int size() {
        return palettes.size();
    }

    public long step(int s) {
        return steps.get(s);
    }

    /** Rows of the embedding matrix whose movement colours the palette. */
    public int[] tokens() {
        return tokens.clone();
    }

    /** The palette of snapshot {@code s}: 768 RGB components in [0, 1]. */
    public float[] palette(int s) {
        return palettes.get(s).clone();
    }

    /**
     * The palette on its way from snapshot {@code s - 1} to snapshot {@code s}: {@code f} in [0, 1]
     * is how far, linearly. A frame after snapshot s shows this transition, so its colours follow
     * the last snapshot it can know of, one interval behind it, without jumps.
     */
    public float[] paletteToward(int s, double f) {
        if (s <= 0 || f >= 1) {
            return palette(Math.max(0, s));
        }
        float[] a = palettes.get(s - 1);
        float[] b = palettes.get(s);
        double w = Math.max(0, f);
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - w) * a[i] + w * b[i]);
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

package bloom.palette;

import smile.feature.extraction.PCA;
import smile.math.matrix.Matrix;

import java.util.List;

/**
 * The three leading principal axes of each embedding snapshot (Smile's PCA on the rows), with
 * every axis's sign chosen to agree with the same axis of the previous snapshot, so that
 * "more red" keeps meaning the same direction and colours do not flicker when PCA's arbitrary
 * signs change.
 */
public final class PcaTrack {

    public static final int DIMS = 3;

    private final double[][] centers;  // [snapshot][cols]
    private final double[][][] axes;   // [snapshot][axis][cols]
    private final double[] spread;     // [snapshot] rms distance of the projected rows from the centre

    private PcaTrack(double[][] centers, double[][][] axes, double[] spread) {
        this.centers = centers;
        this.axes = axes;
        this.spread = spread;
    }

    /** Fits each snapshot (rows = tokens, all with the same number of columns). */
    public static PcaTrack fit(List<double[][]> snapshots) {
        int n = snapshots.size();
        double[][] centers = new double[n][];
        double[][][] axes = new double[n][DIMS][];
        double[] spread = new double[n];
        for (int s = 0; s < n; s++) {
            double[][] x = snapshots.get(s);
            if (x.length < 2) {
                throw new IllegalArgumentException("Snapshot " + s + " has " + x.length + " rows; PCA needs at least 2");
            }
            int cols = x[0].length;
            if (cols < DIMS) {
                throw new IllegalArgumentException("Snapshot " + s + " has " + cols + " columns; PCA to 3 needs at least 3");
            }
            PCA pca = PCA.fit(x);
            Matrix loadings = pca.loadings();
            centers[s] = pca.center().clone();
            for (int a = 0; a < DIMS; a++) {
                double[] axis = new double[cols];
                for (int c = 0; c < cols; c++) {
                    axis[c] = loadings.get(c, a);
                }
                if (s > 0 && dot(axis, axes[s - 1][a]) < 0) {
                    for (int c = 0; c < cols; c++) {
                        axis[c] = -axis[c];
                    }
                }
                axes[s][a] = axis;
            }
            double var = 0;
            for (double[] row : x) {
                for (int a = 0; a < DIMS; a++) {
                    double p = 0;
                    for (int c = 0; c < cols; c++) {
                        p += (row[c] - centers[s][c]) * axes[s][a][c];
                    }
                    var += p * p;
                }
            }
            spread[s] = Math.sqrt(var / x.length);
        }
        return new PcaTrack(centers, axes, spread);
    }

    /**
     * The three leading axes of one snapshot, each signed to agree with {@code previous} (the
     * previous snapshot's axes, or null for the first): what {@link #fit} computes per snapshot,
     * for callers that receive snapshots one at a time.
     */
    public static double[][] axes(double[][] x, double[][] previous) {
        PcaTrack one = fit(List.<double[][]>of(x));
        double[][] out = new double[DIMS][];
        for (int a = 0; a < DIMS; a++) {
            double[] axis = one.axes[0][a];
            if (previous != null && dot(axis, previous[a]) < 0) {
                for (int c = 0; c < axis.length; c++) {
                    axis[c] = -axis[c];
                }
            }
            out[a] = axis;
        }
        return out;
    }

    public int size() {
        return axes.length;
    }

    /** A movement vector expressed in snapshot {@code s}'s three axes (no centring). */
    public double[] projectDelta(int s, double[] delta) {
        double[] out = new double[DIMS];
        for (int a = 0; a < DIMS; a++) {
            out[a] = dot(delta, axes[s][a]);
        }
        return out;
    }

    /** A point's coordinates in snapshot {@code s}'s three axes. */
    public double[] project(int s, double[] point) {
        double[] out = new double[DIMS];
        for (int a = 0; a < DIMS; a++) {
            double p = 0;
            for (int c = 0; c < point.length; c++) {
                p += (point[c] - centers[s][c]) * axes[s][a][c];
            }
            out[a] = p;
        }
        return out;
    }

    /** Unit axis {@code a} of snapshot {@code s} (a copy). */
    public double[] axis(int s, int a) {
        return axes[s][a].clone();
    }

    /** Root-mean-square distance of the rows from their centre in the three axes. */
    public double spread(int s) {
        return spread[s];
    }

    static double dot(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}

package bloom.film;

import java.util.Arrays;
import java.util.Comparator;

/** Small statistics used in run summaries. */
public final class Stats {

    private Stats() {}

    /**
     * Spearman's rank correlation of paired samples, skipping pairs with a non-finite value;
     * ties get their average rank. NaN with fewer than three pairs.
     */
    public static double spearman(double[] x, double[] y) {
        int n = 0;
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                a[n] = x[i];
                b[n] = y[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        return pearson(ranks(Arrays.copyOf(a, n)), ranks(Arrays.copyOf(b, n)));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Median of the finite values; NaN if there are none. */
    public static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return Double.NaN;
        }
        int n = f.length;
        return n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
    }

    /** Mean absolute difference of two images' 8-bit RGB values, in [0, 1]. */
    public static double meanAbsoluteDifference(int[] rgbA, int[] rgbB) {
        if (rgbA.length != rgbB.length) {
            throw new IllegalArgumentException("Images differ in size");
        }
        long sum = 0;
        for (int i = 0; i < rgbA.length; i++) {
            int p = rgbA[i];
            int q = rgbB[i];
            sum += Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff))
                    + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff))
                    + Math.abs((p & 0xff) - (q & 0xff));
        }
        return sum / (3.0 * 255.0 * rgbA.length);
    }
}

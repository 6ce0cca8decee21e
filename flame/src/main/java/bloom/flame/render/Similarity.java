package bloom.flame.render;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004) of two images' luminance,
 * after a box downsample that averages away most of the chaos game's sampling noise. 1 means
 * identical structure; two correct flame renders that differ only in their random seed score
 * high but below 1.
 */
public final class Similarity {

    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final int WINDOW = 7;

    private Similarity() {}

    /** SSIM of the luminances (values in [0, 1], row-major, {@code w x h}) after downsampling by {@code factor}. */
    public static double ssim(float[] a, float[] b, int w, int h, int factor) {
        if (a.length != w * h || b.length != w * h) {
            throw new IllegalArgumentException("Both images must be " + w + "x" + h);
        }
        int dw = w / factor;
        int dh = h / factor;
        double[] x = downsample(a, w, factor, dw, dh);
        double[] y = downsample(b, w, factor, dw, dh);
        if (dw < WINDOW || dh < WINDOW) {
            throw new IllegalArgumentException("Image too small for SSIM after downsampling: " + dw + "x" + dh);
        }
        double total = 0;
        int count = 0;
        for (int j = 0; j + WINDOW <= dh; j++) {
            for (int i = 0; i + WINDOW <= dw; i++) {
                double mx = 0, my = 0;
                for (int v = 0; v < WINDOW; v++) {
                    for (int u = 0; u < WINDOW; u++) {
                        mx += x[(j + v) * dw + i + u];
                        my += y[(j + v) * dw + i + u];
                    }
                }
                int n = WINDOW * WINDOW;
                mx /= n;
                my /= n;
                double vx = 0, vy = 0, cxy = 0;
                for (int v = 0; v < WINDOW; v++) {
                    for (int u = 0; u < WINDOW; u++) {
                        double dx = x[(j + v) * dw + i + u] - mx;
                        double dy = y[(j + v) * dw + i + u] - my;
                        vx += dx * dx;
                        vy += dy * dy;
                        cxy += dx * dy;
                    }
                }
                vx /= n - 1;
                vy /= n - 1;
                cxy /= n - 1;
                total += ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        }
        return total / count;
    }

    /** SSIM of two rendered images' luminance. */
    public static double ssim(Image a, Image b, int factor) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("Images differ in size");
        }
        return ssim(a.luminance(), b.luminance(), a.width(), a.height(), factor);
    }

    private static double[] downsample(float[] src, int w, int f, int dw, int dh) {
        double[] out = new double[dw * dh];
        for (int j = 0; j < dh; j++) {
            for (int i = 0; i < dw; i++) {
                double s = 0;
                for (int v = 0; v < f; v++) {
                    for (int u = 0; u < f; u++) {
                        s += src[(j * f + v) * w + i * f + u];
                    }
                }
                out[j * dw + i] = s / (f * f);
            }
        }
        return out;
    }
}

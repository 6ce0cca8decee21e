package bloom.flame.render;

/**
 * A rendered image: {@code width * height} pixels, row-major from the top-left, each pixel
 * {@code r, g, b, a} as floats in [0, 1]. The colour is composited over the background; alpha
 * is coverage (0 where nothing was plotted), so {@link #straightAlpha()} can take the background
 * out again for a transparent image.
 */
public final class Image {

    private final int width;
    private final int height;
    private final float[] rgba;
    private final double[] background;

    public Image(int width, int height, float[] rgba) {
        this(width, height, rgba, new double[] {0, 0, 0});
    }

    public Image(int width, int height, float[] rgba, double[] background) {
        if (rgba.length != width * height * 4) {
            throw new IllegalArgumentException("Image " + width + "x" + height + " needs " + width * height * 4 + " values");
        }
        this.width = width;
        this.height = height;
        this.rgba = rgba;
        this.background = background.clone();
    }

    /**
     * The flame alone over nothing: colours with the background taken out and divided by the
     * coverage (straight, not premultiplied, alpha, as PNG stores it), alpha as it is.
     */
    public float[] straightAlpha() {
        float[] out = new float[rgba.length];
        for (int i = 0; i < width * height; i++) {
            float a = rgba[4 * i + 3];
            out[4 * i + 3] = a;
            if (a <= 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                float fg = (float) (rgba[4 * i + c] - (1 - a) * background[c]);
                out[4 * i + c] = Math.min(1f, Math.max(0f, fg / a));
            }
        }
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Component c (0 r, 1 g, 2 b, 3 a) of pixel (x, y). */
    public float get(int x, int y, int c) {
        return rgba[(y * width + x) * 4 + c];
    }

    /** The raw pixel array, shared: do not modify. */
    public float[] rgba() {
        return rgba;
    }

    /** Packed 0xRRGGBB per pixel, rounded to 8 bits. */
    public int[] toRgb8() {
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            int r = to8(rgba[4 * i]), g = to8(rgba[4 * i + 1]), b = to8(rgba[4 * i + 2]);
            out[i] = (r << 16) | (g << 8) | b;
        }
        return out;
    }

    /** Interleaved B, G, R bytes (the layout video encoders take), rounded to 8 bits. */
    public byte[] toBgr24() {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            out[3 * i] = (byte) to8(rgba[4 * i + 2]);
            out[3 * i + 1] = (byte) to8(rgba[4 * i + 1]);
            out[3 * i + 2] = (byte) to8(rgba[4 * i]);
        }
        return out;
    }

    /** Luminance (Rec. 709 weights) per pixel, in [0, 1]. */
    public float[] luminance() {
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.2126f * rgba[4 * i] + 0.7152f * rgba[4 * i + 1] + 0.0722f * rgba[4 * i + 2];
        }
        return out;
    }

    private static int to8(float v) {
        return v <= 0 ? 0 : v >= 1 ? 255 : (int) (v * 255 + 0.5f);
    }
}

package bloom.flame.genome;

import java.util.Arrays;

/**
 * A 256-entry colour map. Colours are linear RGB components in [0, 1], stored as
 * {@code [r0, g0, b0, r1, g1, b1, ...]}.
 */
public final class Palette {

    public static final int SIZE = 256;

    private final float[] rgb;

    private Palette(float[] rgb) {
        this.rgb = rgb;
    }

    /** Copies {@code rgb} (768 values in [0, 1]; values outside are clamped, NaN becomes 0). */
    public static Palette of(float[] rgb) {
        if (rgb.length != SIZE * 3) {
            throw new IllegalArgumentException("A palette has " + SIZE * 3 + " components, got " + rgb.length);
        }
        float[] copy = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            float v = rgb[i];
            copy[i] = v > 0 ? Math.min(v, 1f) : 0f;
        }
        return new Palette(copy);
    }

    /** A grey ramp from black to white, for genomes without a palette. */
    public static Palette greyRamp() {
        float[] rgb = new float[SIZE * 3];
        for (int i = 0; i < SIZE; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = i / (SIZE - 1f);
        }
        return new Palette(rgb);
    }

    public float red(int i) {
        return rgb[3 * i];
    }

    public float green(int i) {
        return rgb[3 * i + 1];
    }

    public float blue(int i) {
        return rgb[3 * i + 2];
    }

    /** A copy of the 768 components. */
    public float[] toArray() {
        return rgb.clone();
    }

    /** Palette with hue rotated by {@code turns} (0..1 = a full turn), as flam3's {@code hue} attribute. */
    public Palette rotateHue(double turns) {
        if (turns == 0) {
            return this;
        }
        float[] out = new float[rgb.length];
        float[] hsv = new float[3];
        for (int i = 0; i < SIZE; i++) {
            java.awt.Color.RGBtoHSB(Math.round(rgb[3 * i] * 255), Math.round(rgb[3 * i + 1] * 255),
                    Math.round(rgb[3 * i + 2] * 255), hsv);
            double h = hsv[0] + turns;
            h -= Math.floor(h);
            int c = java.awt.Color.HSBtoRGB((float) h, hsv[1], hsv[2]);
            out[3 * i] = ((c >> 16) & 0xff) / 255f;
            out[3 * i + 1] = ((c >> 8) & 0xff) / 255f;
            out[3 * i + 2] = (c & 0xff) / 255f;
        }
        return new Palette(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Palette p && Arrays.equals(rgb, p.rgb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "Palette[" + SIZE + " colours]";
    }
}

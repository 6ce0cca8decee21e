package bloom.film;

import bloom.flame.render.Image;

/**
 * How a frame of a minibatch with a NaN or infinite loss, gradient or update looks: its flame in
 * shades of red inside a solid red border, so that it cannot be mistaken for a healthy frame
 * when scrubbing. (The flame itself is the previous step's: a non-finite step moves nothing.)
 */
final class NonFiniteFrame {

    private NonFiniteFrame() {}

    static Image mark(Image img) {
        int w = img.width(), h = img.height();
        float[] src = img.rgba();
        float[] out = new float[src.length];
        int border = Math.max(2, Math.min(w, h) / 24);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 4 * (y * w + x);
                boolean edge = x < border || y < border || x >= w - border || y >= h - border;
                float lum = 0.2126f * src[i] + 0.7152f * src[i + 1] + 0.0722f * src[i + 2];
                out[i] = edge ? 1f : Math.min(1f, 0.25f + 0.75f * lum);
                out[i + 1] = edge ? 0f : 0.15f * lum;
                out[i + 2] = edge ? 0f : 0.15f * lum;
                out[i + 3] = 1f;
            }
        }
        return new Image(w, h, out);
    }
}

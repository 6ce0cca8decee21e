package bloom.flame.render;

/**
 * What to render a compiled genome at; the genome's own size and quality are the defaults.
 *
 * @param width      output pixels
 * @param height     output pixels
 * @param quality    samples per output pixel
 * @param oversample histogram cells per pixel along each axis
 * @param seed       seeds every random stream of the render
 * @param threads    worker threads; the image is deterministic for a given seed and thread count
 */
public record RenderSpec(int width, int height, double quality, int oversample, long seed, int threads) {

    public static final int MAX_SIDE = 16384;

    public RenderSpec {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("Invalid size: " + width + "x" + height + " (each side 1 to " + MAX_SIDE + ")");
        }
        if (!(quality > 0) || Double.isInfinite(quality)) {
            throw new IllegalArgumentException("Invalid quality: " + quality);
        }
        if (oversample < 1 || oversample > 8) {
            throw new IllegalArgumentException("Invalid oversample: " + oversample + " (expected 1 to 8)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid thread count: " + threads);
        }
    }

    /** Total chaos-game iterations: quality samples per output pixel. */
    public long iterations() {
        return (long) Math.ceil(quality * width * (double) height);
    }
}

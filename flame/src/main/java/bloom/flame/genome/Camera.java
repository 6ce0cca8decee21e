package bloom.flame.genome;

/**
 * Where the flame is looked at from.
 *
 * @param width   image width in pixels
 * @param height  image height in pixels
 * @param centerX flame coordinates at the image centre
 * @param centerY flame coordinates at the image centre
 * @param scale   pixels per flame unit (flam3 {@code scale}); multiplied by 2^zoom
 * @param zoom    flam3 {@code zoom}: log2 magnification that also raises the sample count
 * @param rotate  rotation of the view in degrees
 */
public record Camera(int width, int height, double centerX, double centerY, double scale, double zoom, double rotate) {

    public Camera {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Invalid image size: " + width + "x" + height);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Invalid scale: " + scale);
        }
    }

    /** Pixels per flame unit after zoom. */
    public double pixelsPerUnit() {
        return scale * Math.pow(2, zoom);
    }

    /** The same view at another size: the scale follows the width so the framing is kept. */
    public Camera resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new Camera(newWidth, newHeight, centerX, centerY, scale * newWidth / (double) width, zoom, rotate);
    }
}

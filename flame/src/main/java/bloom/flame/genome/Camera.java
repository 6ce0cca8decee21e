package bloom.flame.genome;

/**
 * Where the flame is looked at from.
 *
 * @param width   image width in pixels
 * @param height  image height in pixels
 * @param centerX flame coordinates at the image centre
 * @param centerY flame coordinates at the image centre
 * @param scale   pixels per flame unit (flam3 {@code scale}); multiplied by 2^zoom
 * @param zoom    flam3 {@code zoom}: log2 magnification
 * @param rotate  rotation of the view in degrees
 * @param view3d  the 3-D view of Ember and flam3's {@code cam_*} attributes; {@link View3D#NONE}
 *                looks straight down on the plane
 */
public record Camera(int width, int height, double centerX, double centerY, double scale, double zoom, double rotate,
                     View3D view3d) {

    /**
     * A camera in 3-D before the 2-D view: points are shifted by {@code -zpos} along z, turned by
     * {@code yaw} about the z axis and tilted by {@code pitch} about the x axis (radians), then
     * divided by {@code 1 - perspective * z}; {@code dof} blurs points in proportion to their
     * depth, like a lens focused on z = 0.
     */
    public record View3D(double pitch, double yaw, double perspective, double zpos, double dof) {
        public static final View3D NONE = new View3D(0, 0, 0, 0, 0);

        public View3D {
            if (!Double.isFinite(pitch) || !Double.isFinite(yaw) || !Double.isFinite(perspective)
                    || !Double.isFinite(zpos) || !Double.isFinite(dof)) {
                throw new IllegalArgumentException("Invalid 3-D camera: " + pitch + ", " + yaw + ", " + perspective
                        + ", " + zpos + ", " + dof);
            }
        }

        /** Whether any of the five is set (compared as numbers, not through the record's generated equals). */
        public boolean active() {
            return pitch != 0 || yaw != 0 || perspective != 0 || zpos != 0 || dof != 0;
        }
    }

    public Camera {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Invalid image size: " + width + "x" + height);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Invalid scale: " + scale);
        }
        if (view3d == null) {
            view3d = View3D.NONE;
        }
    }

    /** A flat camera. */
    public Camera(int width, int height, double centerX, double centerY, double scale, double zoom, double rotate) {
        this(width, height, centerX, centerY, scale, zoom, rotate, View3D.NONE);
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
        return new Camera(newWidth, newHeight, centerX, centerY, scale * newWidth / (double) width, zoom, rotate, view3d);
    }
}

package bloom.flame.render;

import bloom.flame.genome.Camera;

/**
 * Where a point of flame space lands in the histogram: the camera's centre, rotation and scale,
 * and the optional 3-D view (yaw about z, then pitch about x, perspective division by depth,
 * depth-of-field blur). Every backend projects with these numbers, so they plot alike.
 *
 * @param hw histogram width in cells, gutter included
 * @param hh histogram height in cells, gutter included
 */
public record Projection(double cx, double cy, double cos, double sin, double cellsPerUnit, double offX,
                         double offY, int hw, int hh, boolean view3d, double cosYaw, double sinYaw,
                         double cosPitch, double sinPitch, double persp, double zpos, double dofBlur) {

    /** The same view on a histogram of cells {@code k} times larger each way (at least one cell). */
    Projection coarser(int k) {
        return new Projection(cx, cy, cos, sin, cellsPerUnit / k, offX / k, offY / k, Math.max(1, hw / k),
                Math.max(1, hh / k), view3d, cosYaw, sinYaw, cosPitch, sinPitch, persp, zpos, dofBlur);
    }

    /**
     * The point of the plane that the flat camera (the 3-D view left out) takes to histogram
     * position {@code (u, v)}, in cells: {@code {x, y}}. The camera takes {@code (x, y)} to
     * {@code u = (cos dx - sin dy) cellsPerUnit + offX}, {@code v = (sin dx + cos dy) cellsPerUnit
     * + offY}, where {@code (dx, dy)} is the point less the centre.
     */
    double[] unproject(double u, double v) {
        double du = (u - offX) / cellsPerUnit, dv = (v - offY) / cellsPerUnit;
        return new double[] {cx + cos * du + sin * dv, cy - sin * du + cos * dv};
    }

    static Projection of(Camera cam, int oversample, int hw, int hh) {
        double angle = Math.toRadians(cam.rotate());
        Camera.View3D v = cam.view3d();
        return new Projection(cam.centerX(), cam.centerY(), Math.cos(angle), Math.sin(angle),
                cam.pixelsPerUnit() * oversample, hw / 2.0, hh / 2.0, hw, hh, v.active(),
                Math.cos(v.yaw()), Math.sin(v.yaw()), Math.cos(v.pitch()), Math.sin(v.pitch()),
                v.perspective(), v.zpos(), 0.1 * v.dof());
    }
}

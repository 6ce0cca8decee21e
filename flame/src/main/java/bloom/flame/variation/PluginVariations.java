package bloom.flame.variation;

import static bloom.flame.variation.IterationState.EPS;
import static bloom.flame.variation.Variations.params;

import java.util.List;

/**
 * Plugin variations of the Apophysis / JWildfire / Ember family that artists' genomes (among
 * them the 2019 Bloom flames) use beyond flam3's 99, under the XML names Ember writes. The
 * 3-D ones read and write z. Each comment describes what the variation does; where its original
 * formula is not published, the comment says that Bloom implements its documented intent.
 */
final class PluginVariations {

    private PluginVariations() {}

    static void register(Variations.Builder v) {
        // linear3D: (x, y, z)
        v.add("linear3D", (s, w, p, o) -> {
            s.px += w * s.tx;
            s.py += w * s.ty;
            s.pz += w * s.tz;
        });
        // zcone: z = r, the plane lifted into a cone
        v.add("zcone", (s, w, p, o) -> s.pz += w * s.sqrt());
        // ztranslate: z shifted by the weight
        v.add("ztranslate", (s, w, p, o) -> s.pz += w);
        // zscale: z scaled by the weight
        v.add("zscale", (s, w, p, o) -> s.pz += w * s.tz);
        // zblur: z spread by a Gaussian-ish random amount
        v.add("zblur", (s, w, p, o) -> s.pz += w * (s.random01() + s.random01() + s.random01() + s.random01() - 2));
        // flatten: after the other variations, put the point back on the plane z = 0
        v.addPost("flatten", List.of(), (s, w, p, o) -> {
            if (w != 0) {
                s.pz = 0;
            }
        });
        // julia3D: the julian power map in 3-D; z is scaled down by |power| before and brought along after
        v.add("julia3D", params("julia3D_power", 2), (s, w, p, o) -> {
            int power = (int) Math.rint(p[o]);
            if (power == 0) {
                return;
            }
            if (power == -1) { // inversion in the unit sphere
                double r = w / (s.sumsq() + s.tz * s.tz + EPS);
                s.px += r * s.tx;
                s.py += r * s.ty;
                s.pz += r * s.tz;
                return;
            }
            double abs = Math.abs(power);
            double z = s.tz / abs, r2d = s.sumsq();
            double r = w * Math.pow(r2d + z * z + EPS, (1.0 / power - 1.0) * 0.5);
            double r2 = r * Math.sqrt(r2d);
            int branch = (int) (s.random01() * abs);
            double a = (s.atanYX() + 2 * Math.PI * branch) / power;
            s.px += r2 * Math.cos(a);
            s.py += r2 * Math.sin(a);
            s.pz += r * z;
        });
        // GlynnSim2: inside the circle of the given radius, points fall on an arc of a ring
        // (angles Phi1 to Phi2 degrees); outside, they stay or are inverted into the circle,
        // more often the closer they are (contrast, pow)
        v.add("GlynnSim2", params("GlynnSim2_radius", 1, "GlynnSim2_thickness", 0.1, "GlynnSim2_contrast", 0.5,
                "GlynnSim2_pow", 1.5, "GlynnSim2_Phi1", 110, "GlynnSim2_Phi2", 150), (s, w, p, o) -> {
            double radius = p[o], thickness = Math.min(1, Math.max(0, p[o + 1]));
            double contrast = Math.min(1, Math.max(0, p[o + 2]));
            double r = s.sqrt();
            if (r < radius) {
                double gamma = thickness * (2 * radius + thickness) / (radius + thickness);
                double rr = radius + thickness - gamma * s.random01();
                double phi1 = Math.toRadians(p[o + 4]), phi = phi1 + (Math.toRadians(p[o + 5]) - phi1) * s.random01();
                s.px += w * rr * Math.cos(phi);
                s.py += w * rr * Math.sin(phi);
            } else {
                double alpha = radius / r;
                double k = s.random01() > contrast * Math.pow(alpha, Math.abs(p[o + 3])) ? 1 : alpha * alpha;
                s.px += w * k * s.tx;
                s.py += w * k * s.ty;
            }
        });
        // taurus: the plane wrapped around a torus of radius r, n ripples, inv blends a ring and a
        // rippled ring; sor blends the tube's height with y
        v.add("taurus", params("taurus_r", 3, "taurus_n", 5, "taurus_inv", 1.5, "taurus_sor", 1), (s, w, p, o) -> {
            double r = p[o], inv = p[o + 2], sor = p[o + 3];
            double ir = inv * r + (1 - inv) * r * Math.cos(p[o + 1] * s.tx);
            double sy = Math.sin(s.ty);
            s.px += w * Math.cos(s.tx) * (ir + sy);
            s.py += w * Math.sin(s.tx) * (ir + sy);
            s.pz += w * sor * Math.cos(s.ty) + (1 - sor) * s.ty;
        });
        // blocky: elliptic coordinates of x and y separately, divided by a cosine bump (mp)
        v.add("blocky", params("blocky_x", 1, "blocky_y", 1, "blocky_mp", 4), (s, w, p, o) -> {
            double t = (Math.cos(s.tx) + Math.cos(s.ty)) / p[o + 2] + 1;
            double r = w / t, vv = w / (Math.PI / 2);
            double tmp = s.sumsq() + 1, x2 = 2 * s.tx, y2 = 2 * s.ty;
            double xmax = 0.5 * (Math.sqrt(tmp + x2) + Math.sqrt(tmp - x2));
            double ymax = 0.5 * (Math.sqrt(tmp + y2) + Math.sqrt(tmp - y2));
            double a = s.tx / xmax;
            s.px += vv * FastMath.atan2(a, Math.sqrt(Math.max(0, 1 - a * a))) * r * p[o];
            a = s.ty / ymax;
            s.py += vv * FastMath.atan2(a, Math.sqrt(Math.max(0, 1 - a * a))) * r * p[o + 1];
        });
        // blur_pixelize: points snapped to square pixels of the given size, blurred within them
        v.add("blur_pixelize", params("blur_pixelize_size", 0.1, "blur_pixelize_scale", 1), (s, w, p, o) -> {
            double size = p[o], scale = p[o + 1];
            double x = Math.floor(s.tx / size), y = Math.floor(s.ty / size);
            s.px += w * size * (x + scale * (s.random01() - 0.5) + 0.5);
            s.py += w * size * (y + scale * (s.random01() - 0.5) + 0.5);
        });
        // epispiral: the epispiral r = 1 / cos(n phi) - holes, thickened at random
        v.add("epispiral", params("epispiral_n", 6, "epispiral_thickness", 0, "epispiral_holes", 1), (s, w, p, o) -> {
            double theta = s.atanYX(), d = Math.cos(p[o] * theta);
            if (d == 0) {
                return;
            }
            double t = -p[o + 2] + (Math.abs(p[o + 1]) > 1e-10 ? s.random01() * p[o + 1] : 1) / d;
            s.px += w * t * Math.cos(theta);
            s.py += w * t * Math.sin(theta);
        });
        // crackle: a blur shaped into Voronoi cells of a noise-jittered grid (cellsize, distort,
        // noise slice z); within its cell a point is pulled towards the centre by L^power * scale,
        // L being its fraction of the way to the cell's edge
        v.add("crackle", params("crackle_cellsize", 1, "crackle_power", 0.2, "crackle_distort", 0,
                "crackle_scale", 1, "crackle_z", 0), (s, w, p, o) -> {
            double half = p[o] / 2;
            if (half == 0) {
                return;
            }
            double blur = (s.random01() + s.random01()) / 2 + (s.random01() - 0.5) / 4;
            double theta = 2 * Math.PI * s.random01();
            double ux = blur * Math.sin(theta), uy = blur * Math.cos(theta);
            double[] cell = Voronoi.crackle(ux, uy, half, p[o + 2], p[o + 4], p[o + 1], p[o + 3]);
            s.px += w * cell[0];
            s.py += w * cell[1];
        });
        // Truchet: Truchet tiles: unit tiles (after scaling by (cos r - sin r) / weight) each carrying
        // two quarter-circle arcs (L^exponent circles) in one of two orientations chosen per tile by
        // a seeded hash; points on an arc band of relative width arc_width are kept, others dropped
        v.add("Truchet", params("Truchet_extended", 0, "Truchet_exponent", 2, "Truchet_arc_width", 0.5,
                "Truchet_rotation", 0, "Truchet_size", 1, "Truchet_seed", 50), (s, w, p, o) -> {
            double n = Math.min(2, Math.max(0.001, p[o + 1])), width = Math.min(1, Math.max(0.001, p[o + 2]));
            double size = Math.min(10, Math.max(0.001, p[o + 4]));
            double rot = -p[o + 3];
            double scale = (Math.cos(rot) - Math.sin(rot)) / (w == 0 ? EPS : w);
            double x = s.tx * scale, y = s.ty * scale;
            x -= Math.floor(x);
            y -= Math.floor(y);
            long tx = Math.round(s.tx), ty = Math.round(s.ty);
            double seed = Math.abs(p[o + 5]);
            boolean flip = seed == 1 || (seed != 0 && (Voronoi.hash(tx, ty, (long) Math.floor(seed)) & 1) == 1);
            double r0 = flip ? lp(x - 1, y, n) : lp(x, y, n);
            double r1 = flip ? lp(x, y - 1, n) : lp(x - 1, y - 1, n);
            double rmax = 0.5 * (Math.pow(2, 1 / n) - 1) * width;
            int hits = (Math.abs(r0 - 0.5) < rmax ? 1 : 0) + (Math.abs(r1 - 0.5) < rmax ? 1 : 0);
            s.px += hits * size * (x + Math.floor(s.tx));
            s.py += hits * size * (y + Math.floor(s.ty));
        });
        // blur_heart: a blur in the shape of a heart made of two tilted ellipses; a and b shape the
        // ellipses (negative b hollows them), p sets how the density falls off towards their rims.
        // Bloom implements the documented shape, not the original plugin's formula.
        v.add("blur_heart", params("blur_heart_p", 0.5, "blur_heart_a", -0.6, "blur_heart_b", 0.7), (s, w, p, o) -> {
            double side = s.randomBit() ? 1 : -1;
            double rho = Math.pow(s.random01(), Math.max(0.05, Math.abs(p[o])));
            if (p[o + 2] < 0) {
                rho = 1 - 0.5 * rho; // hollow: most points near the rim
            }
            double ang = 2 * Math.PI * s.random01();
            double ex = 0.55 * rho * Math.cos(ang) * (1 + 0.5 * Math.abs(p[o + 2]));
            double ey = 0.32 * rho * Math.sin(ang) * (1 + 0.5 * Math.abs(p[o + 1]));
            double c = Math.sqrt(0.5), sn = side * Math.sqrt(0.5);
            double x = c * ex - sn * ey + side * 0.32;
            double y = sn * ex + c * ey + (p[o + 1] < 0 ? 0.18 : -0.18);
            s.px += w * x;
            s.py += w * (p[o + 1] < 0 ? -y : y);
        });
        // poincare: a motion of the hyperbolic plane in the Poincare disc model: inversion in two
        // circles orthogonal to the unit circle, whose centres lie at distance 1 + |r| in direction a.
        // Bloom implements this construction, not the original plugin's code.
        v.add("poincare", params("poincare_c1r", -0.5, "poincare_c1a", -1, "poincare_c2r", 0.5, "poincare_c2a", 1),
                (s, w, p, o) -> {
                    double x = s.tx, y = s.ty;
                    for (int k = 0; k < 2; k++) {
                        double d = 1 + Math.abs(p[o + 2 * k]), a = p[o + 2 * k + 1];
                        double cx = d * Math.cos(a), cy = d * Math.sin(a), r2 = d * d - 1;
                        double dx = x - cx, dy = y - cy, q = r2 / (dx * dx + dy * dy + EPS);
                        x = cx + dx * q;
                        y = cy + dy * q;
                    }
                    s.px += w * x;
                    s.py += w * y;
                });
        // z: a height field over the plane, the weighted sum of four shapes' radial profiles (a
        // regular hypergon, a star, a lituus, a superformula curve) minus the distance to the origin.
        // Bloom implements this reading of the plugin's parameters, not the plugin's code.
        v.add("z", params("z_hypergon", 0, "z_hypergon_n", 4, "z_hypergon_r", 1, "z_star", 0, "z_star_n", 5,
                "z_star_slope", 1.5708, "z_lituus", 0, "z_lituus_a", 1, "z_super", 0, "z_super_m", 1, "z_super_n1", 1,
                "z_super_n2", 1, "z_super_n3", 1), (s, w, p, o) -> {
            double r = s.sqrt(), phi = s.atanYX(), h = 0;
            if (p[o] != 0) {
                double seg = 2 * Math.PI / Math.max(1, p[o + 1]);
                double t = phi - seg * Math.floor(phi / seg) - seg / 2;
                h += p[o] * (p[o + 2] * Math.cos(seg / 2) / Math.cos(t) - r);
            }
            if (p[o + 3] != 0) {
                double seg = 2 * Math.PI / Math.max(1, p[o + 4]);
                double t = Math.abs(phi - seg * Math.floor(phi / seg) - seg / 2);
                h += p[o + 3] * (1 - t * Math.tan(Math.max(-1.5, Math.min(1.5, p[o + 5] - Math.PI / 2))) - r);
            }
            if (p[o + 6] != 0) {
                h += p[o + 6] * (Math.sqrt(Math.abs(p[o + 7]) / (Math.abs(phi) + Math.PI)) - r);
            }
            if (p[o + 8] != 0) {
                double t = p[o + 9] * phi / 4;
                double sr = Math.pow(Math.pow(Math.abs(Math.cos(t)), p[o + 11]) + Math.pow(Math.abs(Math.sin(t)), p[o + 12]),
                        -1 / (p[o + 10] == 0 ? 1 : p[o + 10]));
                h += p[o + 8] * (sr - r);
            }
            if (Double.isFinite(h)) {
                s.pz += w * h;
            }
        });
    }

    /** The L^n norm of (x, y). */
    private static double lp(double x, double y, double n) {
        return Math.pow(Math.pow(Math.abs(x), n) + Math.pow(Math.abs(y), n), 1 / n);
    }
}

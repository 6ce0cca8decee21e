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
            double h = shapes(s.sqrt(), s.atanYX(), p[o], p[o + 1], p[o + 2], p[o + 3], p[o + 4], p[o + 5], p[o + 6],
                    p[o + 7], p[o + 8], p[o + 9], p[o + 10], p[o + 11], p[o + 12]);
            if (Double.isFinite(h)) {
                s.pz += w * h;
            }
        });
        // y: z's height field added to y instead of z
        v.add("y", params("y_hypergon", 0, "y_hypergon_n", 4, "y_hypergon_r", 1, "y_star", 0, "y_star_n", 5,
                "y_star_slope", 1.5708, "y_lituus", 0, "y_lituus_a", 1, "y_super", 0, "y_super_m", 1, "y_super_n1", 1,
                "y_super_n2", 1, "y_super_n3", 1), (s, w, p, o) -> {
            double h = shapes(s.sqrt(), s.atanYX(), p[o], p[o + 1], p[o + 2], p[o + 3], p[o + 4], p[o + 5], p[o + 6],
                    p[o + 7], p[o + 8], p[o + 9], p[o + 10], p[o + 11], p[o + 12]);
            if (Double.isFinite(h)) {
                s.py += w * h;
            }
        });
        // ---- variations of JWildfire, Apophysis and Ember genomes that artists share ----
        // sineblur: a blur disc whose radius is acos(2 u^power - 1) / pi for uniform u
        v.add("sineblur", params("sineblur_power", 1), (s, w, p, o) -> {
            double power = Math.max(0, p[o]);
            double a = s.random01() * 2 * Math.PI;
            double u = s.random01();
            double r = w * Math.acos(2 * (power == 1 ? u : Math.pow(u, power)) - 1) / Math.PI;
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // hemisphere: the plane wrapped onto the unit hemisphere, (x, y, 1) / sqrt(r^2 + 1)
        v.add("hemisphere", (s, w, p, o) -> {
            double r = w / Math.sqrt(s.sumsq() + 1);
            s.px += r * s.tx;
            s.py += r * s.ty;
            s.pz += r;
        });
        // blur_linear: the point smeared along a line of the given length and angle
        v.add("blur_linear", params("blur_linear_length", 1, "blur_linear_angle", 0), (s, w, p, o) -> {
            double r = p[o] * s.random01();
            s.px += w * (s.tx + r * Math.cos(p[o + 1]));
            s.py += w * (s.ty + r * Math.sin(p[o + 1]));
        });
        // blur_circle: a uniform blur over the unit disc
        v.add("blur_circle", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI, r = w * Math.sqrt(s.random01());
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // blur_zoom: the point smeared along the ray from the centre (x, y), up to 1 + length times as far
        v.add("blur_zoom", params("blur_zoom_length", 0, "blur_zoom_x", 0, "blur_zoom_y", 0), (s, w, p, o) -> {
            double z = 1 + p[o] * s.random01();
            s.px += w * ((s.tx - p[o + 1]) * z + p[o + 1]);
            s.py += w * ((s.ty - p[o + 2]) * z + p[o + 2]);
        });
        // blur3D: a Gaussian-ish blur in a random direction of space
        v.add("blur3D", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI, cz = 2 * s.random01() - 1, sz = Math.sqrt(1 - cz * cz);
            double r = w * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
            s.px += r * sz * Math.cos(a);
            s.py += r * sz * Math.sin(a);
            s.pz += r * cz;
        });
        // sphereblur: a blur filling the ball of radius w, denser at the centre as power falls below 1/3
        v.add("sphereblur", params("sphereblur_power", 1), (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI, cz = 2 * s.random01() - 1, sz = Math.sqrt(1 - cz * cz);
            double r = w * Math.pow(s.random01(), 1.0 / (3 * Math.max(EPS, Math.abs(p[o]))));
            s.px += r * sz * Math.cos(a);
            s.py += r * sz * Math.sin(a);
            s.pz += r * cz;
        });
        // gaussian: the point moved by a Gaussian-ish offset in a random direction
        v.add("gaussian", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI;
            double r = s.random01() + s.random01() + s.random01() + s.random01() - 2;
            s.px += w * (s.tx + r * Math.cos(a));
            s.py += w * (s.ty + r * Math.sin(a));
        });
        // farblur: a Gaussian-ish blur whose size grows with the squared distance from the origin point
        v.add("farblur", params("farblur_x", 1, "farblur_y", 1, "farblur_z", 1, "farblur_x_origin", 0,
                "farblur_y_origin", 0, "farblur_z_origin", 0), (s, w, p, o) -> {
            double dx = s.tx - p[o + 3], dy = s.ty - p[o + 4], dz = s.tz - p[o + 5];
            double d = dx * dx + dy * dy + dz * dz;
            double g = d * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
            s.px += w * (s.tx + p[o] * g);
            s.py += w * (s.ty + p[o + 1] * g);
            s.pz += w * (s.tz + p[o + 2] * g);
        });
        // spherical3D: inversion in the unit sphere, (x, y, z) / (x^2 + y^2 + z^2)
        v.add("spherical3D", (s, w, p, o) -> {
            double r = w / (s.sumsq() + s.tz * s.tz + EPS);
            s.px += r * s.tx;
            s.py += r * s.ty;
            s.pz += r * s.tz;
        });
        // sphericalN: spherical with r^-dist, its result copied around the origin floor(power) times
        v.add("sphericalN", params("sphericalN_power", 1, "sphericalN_dist", 1), (s, w, p, o) -> {
            double n = Math.max(1, Math.floor(Math.abs(p[o])));
            double a = s.atanYX() + Math.floor(n * s.random01()) * 2 * Math.PI / n;
            double r = w / (Math.pow(s.sqrt(), p[o + 1]) + EPS);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // twoface: spherical on the half plane x > 0, the point unchanged on the other
        v.add("twoface", (s, w, p, o) -> {
            double r = s.tx > 0 ? w / (s.sumsq() + EPS) : w;
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // invpolar: the inverse of polar, x read as angle / pi and y as radius - 1
        v.add("invpolar", (s, w, p, o) -> {
            double r = 1 + s.ty, a = s.tx * Math.PI;
            s.px += w * r * Math.sin(a);
            s.py += w * r * Math.cos(a);
        });
        // unpolar: y as log radius, x as angle, scaled by 1 / (2 pi)
        v.add("unpolar", (s, w, p, o) -> {
            double r = w / (2 * Math.PI) * Math.exp(s.ty);
            s.px += r * Math.sin(s.tx);
            s.py += r * Math.cos(s.tx);
        });
        // juliaq: julian with the root's exponent divisor / power
        v.add("juliaq", params("juliaq_power", 3, "juliaq_divisor", 2), (s, w, p, o) -> {
            double power = Math.rint(p[o]) == 0 ? 1 : Math.rint(p[o]), div = p[o + 1] == 0 ? 1 : p[o + 1];
            double branch = Math.floor(Math.abs(power) * s.random01());
            double a = (s.atanYX() + 2 * Math.PI * branch) * div / power;
            double r = w * Math.pow(s.sumsq() + EPS, 0.5 * div / power);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // move: the point translated by (x, y)
        v.add("move", params("move_x", 0, "move_y", 0), (s, w, p, o) -> {
            s.px += w * (s.tx + p[o]);
            s.py += w * (s.ty + p[o + 1]);
        });
        // rotate_x, rotate_y, rotate_z: the point turned about an axis by weight * 90 degrees
        v.add("rotate_x", (s, w, p, o) -> {
            double c = Math.cos(w * Math.PI / 2), sn = Math.sin(w * Math.PI / 2);
            s.px += s.tx;
            s.py += c * s.ty - sn * s.tz;
            s.pz += sn * s.ty + c * s.tz;
        });
        v.add("rotate_y", (s, w, p, o) -> {
            double c = Math.cos(w * Math.PI / 2), sn = Math.sin(w * Math.PI / 2);
            s.px += c * s.tx + sn * s.tz;
            s.py += s.ty;
            s.pz += c * s.tz - sn * s.tx;
        });
        v.add("rotate_z", (s, w, p, o) -> {
            double c = Math.cos(w * Math.PI / 2), sn = Math.sin(w * Math.PI / 2);
            s.px += c * s.tx - sn * s.ty;
            s.py += sn * s.tx + c * s.ty;
            s.pz += s.tz;
        });
        // curl3D: the curl map in space, (t + c |t|^2) / (1 + 2 c.t + |c|^2 |t|^2) with c's y negated as in curl
        v.add("curl3D", params("curl3D_cx", 0, "curl3D_cy", 0, "curl3D_cz", 0), (s, w, p, o) -> {
            double cx = p[o], cy = p[o + 1], cz = p[o + 2];
            double r2 = s.sumsq() + s.tz * s.tz;
            double d = r2 * (cx * cx + cy * cy + cz * cz) + 2 * (cx * s.tx - cy * s.ty + cz * s.tz) + 1;
            double r = w / (Math.abs(d) < EPS ? EPS : d);
            s.px += r * (s.tx + cx * r2);
            s.py += r * (s.ty - cy * r2);
            s.pz += r * (s.tz + cz * r2);
        });
        // crop: the rectangle [left, right] x [top, bottom] kept; a point outside is pulled to its edge,
        // scattered inward over scatter_area of its size, or (zero != 0) dropped from the sum
        v.add("crop", params("crop_left", -1, "crop_top", -1, "crop_right", 1, "crop_bottom", 1,
                "crop_scatter_area", 0, "crop_zero", 0), (s, w, p, o) -> {
            double x0 = Math.min(p[o], p[o + 2]), x1 = Math.max(p[o], p[o + 2]);
            double y0 = Math.min(p[o + 1], p[o + 3]), y1 = Math.max(p[o + 1], p[o + 3]);
            double x = s.tx, y = s.ty;
            boolean outside = x < x0 || x > x1 || y < y0 || y > y1;
            if (outside && p[o + 5] != 0) {
                return;
            }
            double sx = (x1 - x0) * Math.max(0, Math.min(1, p[o + 4])), sy = (y1 - y0) * Math.max(0, Math.min(1, p[o + 4]));
            if (x < x0) {
                x = x0 + s.random01() * sx;
            } else if (x > x1) {
                x = x1 - s.random01() * sx;
            }
            if (y < y0) {
                y = y0 + s.random01() * sy;
            } else if (y > y1) {
                y = y1 - s.random01() * sy;
            }
            s.px += w * x;
            s.py += w * y;
        });
        // cropn: the regular power-gon of the given circumradius kept; a point outside is pulled onto its
        // edge (moved in by up to scatterdist) or, with zero != 0, dropped from the sum
        v.add("cropn", params("cropn_power", 5, "cropn_radius", 1, "cropn_scatterdist", 0, "cropn_zero", 0), (s, w, p, o) -> {
            double n = Math.max(1, Math.abs(p[o])), seg = 2 * Math.PI / n;
            double a = s.atanYX(), r = s.sqrt();
            double t = a - seg * Math.floor(a / seg) - seg / 2;
            double edge = n < 3 ? Math.abs(p[o + 1]) : Math.abs(p[o + 1]) * Math.cos(seg / 2) / Math.cos(t);
            if (r <= edge) {
                s.px += w * s.tx;
                s.py += w * s.ty;
                return;
            }
            if (p[o + 3] != 0) {
                return;
            }
            double rr = Math.max(0, edge - Math.abs(p[o + 2]) * s.random01());
            s.px += w * rr * Math.cos(a);
            s.py += w * rr * Math.sin(a);
        });
        // chunk: the part of the plane where a x^2 + b x y + c y^2 + d x + e y + f <= 0 kept (> 0 with mode 1);
        // a point elsewhere is dropped from the sum
        v.add("chunk", params("chunk_a", 1, "chunk_b", 0, "chunk_c", 1, "chunk_d", 0, "chunk_e", 0, "chunk_f", -1,
                "chunk_mode", 0), (s, w, p, o) -> {
            double x = s.tx, y = s.ty;
            double q = p[o] * x * x + p[o + 1] * x * y + p[o + 2] * y * y + p[o + 3] * x + p[o + 4] * y + p[o + 5];
            if ((p[o + 6] == 0) == (q <= 0)) {
                s.px += w * x;
                s.py += w * y;
            }
        });
        // waves3: waves whose amplitude is itself modulated by cos(sx_freq y) and cos(sy_freq x)
        v.add("waves3", params("waves3_scalex", 0.05, "waves3_scaley", 0.05, "waves3_freqx", 7, "waves3_freqy", 13,
                "waves3_sx_freq", 0, "waves3_sy_freq", 2), (s, w, p, o) -> {
            double ax = p[o] * Math.cos(p[o + 4] * s.ty), ay = p[o + 1] * Math.cos(p[o + 5] * s.tx);
            s.px += w * (s.tx + ax * Math.sin(s.ty * p[o + 2]));
            s.py += w * (s.ty + ay * Math.sin(s.tx * p[o + 3]));
        });
        // boarders2: boarders with its constants free: cells shrunk by c, pushed out by left, kept with probability 1 - right
        v.add("boarders2", params("boarders2_c", 0.5, "boarders2_left", 0.5, "boarders2_right", 0.5), (s, w, p, o) -> {
            double c = Math.abs(p[o]), cl = Math.abs(p[o + 1]), cr = Math.abs(p[o + 2]);
            c = c == 0 ? EPS : c;
            cl = cl == 0 ? EPS : cl;
            cr = cr == 0 ? EPS : cr;
            cl = c * cl;
            cr = c + c * cr;
            double rx = Math.rint(s.tx), ry = Math.rint(s.ty), ox = s.tx - rx, oy = s.ty - ry;
            if (s.random01() >= cr) {
                s.px += w * (ox * c + rx);
                s.py += w * (oy * c + ry);
            } else if (Math.abs(ox) >= Math.abs(oy)) {
                double sign = ox >= 0 ? 1 : -1;
                s.px += w * (ox * c + rx + sign * cl);
                s.py += w * (oy * c + ry + sign * cl * oy / (ox == 0 ? EPS : ox));
            } else {
                double sign = oy >= 0 ? 1 : -1;
                s.py += w * (oy * c + ry + sign * cl);
                s.px += w * (ox * c + rx + sign * cl * ox / (oy == 0 ? EPS : oy));
            }
        });
        // hypertile: a tile of the hyperbolic {p, q} tiling moved onto its n-th neighbour by a Moebius map
        v.add("hypertile", params("hypertile_p", 3, "hypertile_q", 7, "hypertile_n", 0), (s, w, p, o) -> {
            double pp = Math.max(3, Math.abs(Math.rint(p[o]))), qq = Math.max(3, Math.abs(Math.rint(p[o + 1])));
            double pa = 2 * Math.PI / pp, qa = 2 * Math.PI / qq;
            double r2 = (1 - Math.cos(pa)) / (Math.cos(pa) + Math.cos(qa)) + 1;
            double r = r2 > 0 ? 1 / Math.sqrt(r2) : 1;
            double a = Math.rint(p[o + 2]) * pa;
            double re = r * Math.cos(a), im = r * Math.sin(a);
            double ax = s.tx + re, ay = s.ty + im;
            double bx = re * s.tx + im * s.ty + 1, by = re * s.ty - im * s.tx;
            double vr = w / (bx * bx + by * by + EPS);
            s.px += vr * (ax * bx + ay * by);
            s.py += vr * (ay * bx - ax * by);
        });
        // hypertile2: hypertile onto a random neighbour, the {p, q} tiling's p-fold turn
        v.add("hypertile2", params("hypertile2_p", 3, "hypertile2_q", 7), (s, w, p, o) -> {
            double pp = Math.max(3, Math.abs(Math.rint(p[o]))), qq = Math.max(3, Math.abs(Math.rint(p[o + 1])));
            double pa = 2 * Math.PI / pp, qa = 2 * Math.PI / qq;
            double r2 = (1 - Math.cos(pa)) / (Math.cos(pa) + Math.cos(qa)) + 1;
            double r = r2 > 0 ? 1 / Math.sqrt(r2) : 1;
            double ax = s.tx + r, ay = s.ty, bx = r * s.tx + 1, by = r * s.ty;
            double vr = w / (bx * bx + by * by + EPS);
            double x = vr * (ax * bx + ay * by), y = vr * (ay * bx - ax * by);
            double a = Math.floor(pp * s.random01()) * pa, c = Math.cos(a), sn = Math.sin(a);
            s.px += x * c - y * sn;
            s.py += x * sn + y * c;
        });
        // starblur: a uniform-ish fill of a star of power points whose inner radius is range
        v.add("starblur", params("starblur_power", 5, "starblur_range", 0.4016228317724546), (s, w, p, o) -> {
            double n = Math.max(2, Math.abs(Math.rint(p[o]))), alpha = Math.PI / n;
            double len = Math.sqrt(1 + p[o + 1] * p[o + 1] - 2 * p[o + 1] * Math.cos(alpha));
            double alpha2 = Math.asin(Math.max(-1, Math.min(1, Math.sin(alpha) * p[o + 1] / (len + EPS))));
            double f = s.random01() * n * 2;
            double spike = Math.floor(f);
            f -= spike;
            double x = f * len, z = Math.sqrt(1 + x * x - 2 * x * Math.cos(alpha2));
            double turn = Math.asin(Math.max(-1, Math.min(1, Math.sin(alpha2) * x / (z + EPS))));
            double half = Math.floor(spike / 2);
            double a = 2 * Math.PI / n * half + (spike - 2 * half == 0 ? turn : -turn);
            z *= Math.sqrt(s.random01());
            s.px += w * z * Math.cos(a - Math.PI / 2);
            s.py += w * z * Math.sin(a - Math.PI / 2);
        });
        // cloverleaf_wf: the four-leaf rose r = |sin 2 phi| traced at the point's angle, its inside filled
        // with probability filled
        v.add("cloverleaf_wf", params("cloverleaf_wf_filled", 0.85), (s, w, p, o) -> {
            double a = s.atanYX(), r = Math.abs(Math.sin(2 * a));
            if (s.random01() < p[o]) {
                r *= s.random01();
            }
            s.px += w * r * Math.cos(a);
            s.py += w * r * Math.sin(a);
        });
        // falloff2: a blur that grows with the distance from (x0, y0, z0) beyond mindist (or, inverted,
        // within 1 of it): type 0 jitters each axis, 1 the radius and angles, 2 along a random direction
        v.add("falloff2", params("falloff2_scatter", 1, "falloff2_mindist", 0.5, "falloff2_mul_x", 1, "falloff2_mul_y", 1,
                "falloff2_mul_z", 0, "falloff2_mul_c", 0, "falloff2_x0", 0, "falloff2_y0", 0, "falloff2_z0", 0,
                "falloff2_invert", 0, "falloff2_type", 0), (s, w, p, o) -> {
            double dx = s.tx - p[o + 6], dy = s.ty - p[o + 7], dz = s.tz - p[o + 8];
            double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
            d = p[o + 9] != 0 ? Math.max(1 - d, 0) : Math.max(d, 0);
            d = Math.max((d - p[o + 1]) * 0.04 * p[o], 0);
            int type = (int) Math.rint(p[o + 10]);
            if (type == 1) {
                double r = Math.sqrt(s.sumsq() + s.tz * s.tz) + EPS;
                double phi = Math.atan2(s.ty, s.tx) + p[o + 2] * s.random11() * d;
                double th = Math.acos(Math.max(-1, Math.min(1, s.tz / r))) + p[o + 3] * s.random11() * d;
                double rr = r + p[o + 4] * s.random11() * d;
                s.px += w * rr * Math.sin(th) * Math.cos(phi);
                s.py += w * rr * Math.sin(th) * Math.sin(phi);
                s.pz += w * rr * Math.cos(th);
            } else if (type == 2) {
                double a = s.random01() * 2 * Math.PI, cz = 2 * s.random01() - 1, sz = Math.sqrt(1 - cz * cz);
                double g = d * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
                s.px += w * (s.tx + p[o + 2] * g * sz * Math.cos(a));
                s.py += w * (s.ty + p[o + 3] * g * sz * Math.sin(a));
                s.pz += w * (s.tz + p[o + 4] * g * cz);
            } else {
                s.px += w * (s.tx + p[o + 2] * s.random11() * d);
                s.py += w * (s.ty + p[o + 3] * s.random11() * d);
                s.pz += w * (s.tz + p[o + 4] * s.random11() * d);
            }
        });
        // falloff: falloff2's axis-wise blur, growing with the distance from (x0, y0, z0) beyond mindist,
        // the distance measured in the L^boxpow norm (2: the sphere; large: the cube)
        v.add("falloff", params("falloff_scatter", 1, "falloff_mindist", 0.5, "falloff_mul_x", 1, "falloff_mul_y", 1,
                "falloff_mul_z", 0, "falloff_x0", 0, "falloff_y0", 0, "falloff_z0", 0, "falloff_invert", 0,
                "falloff_type", 0, "falloff_boxpow", 2), (s, w, p, o) -> {
            double b = Math.max(0.1, Math.abs(p[o + 10]));
            double dx = Math.abs(s.tx - p[o + 5]), dy = Math.abs(s.ty - p[o + 6]), dz = Math.abs(s.tz - p[o + 7]);
            double d = Math.pow(Math.pow(dx, b) + Math.pow(dy, b) + Math.pow(dz, b), 1 / b);
            d = p[o + 8] != 0 ? Math.max(1 - d, 0) : Math.max(d, 0);
            d = Math.max((d - p[o + 1]) * 0.04 * p[o], 0);
            if (!Double.isFinite(d)) {
                d = 0;
            }
            s.px += w * (s.tx + p[o + 2] * s.random11() * d);
            s.py += w * (s.ty + p[o + 3] * s.random11() * d);
            s.pz += w * (s.tz + p[o + 4] * s.random11() * d);
        });
        // falloff3: the falloff blur measured from (center_x, center_y, center_z) by a sphere
        // (blur_shape 0) or a cube (1), of strength blur_strength; blur_type 1 blurs the angles
        v.add("falloff3", params("falloff3_blur_type", 0, "falloff3_blur_shape", 0, "falloff3_blur_strength", 1,
                "falloff3_min_distance", 0.5, "falloff3_invert_distance", 0, "falloff3_mul_x", 1, "falloff3_mul_y", 1,
                "falloff3_mul_z", 0, "falloff3_mul_c", 0, "falloff3_center_x", 0, "falloff3_center_y", 0,
                "falloff3_center_z", 0, "falloff3_alpha", 0), (s, w, p, o) -> {
            double dx = s.tx - p[o + 9], dy = s.ty - p[o + 10], dz = s.tz - p[o + 11];
            double d = Math.rint(p[o + 1]) == 1 ? Math.max(Math.abs(dx), Math.max(Math.abs(dy), Math.abs(dz)))
                    : Math.sqrt(dx * dx + dy * dy + dz * dz);
            d = p[o + 4] != 0 ? Math.max(1 - d, 0) : Math.max(d, 0);
            d = Math.max((d - p[o + 3]) * 0.04 * p[o + 2], 0);
            if (Math.rint(p[o]) == 1) {
                double r = Math.sqrt(s.sumsq() + s.tz * s.tz) + EPS;
                double phi = Math.atan2(s.ty, s.tx) + p[o + 5] * s.random11() * d;
                double th = Math.acos(Math.max(-1, Math.min(1, s.tz / r))) + p[o + 6] * s.random11() * d;
                double rr = r + p[o + 7] * s.random11() * d;
                s.px += w * rr * Math.sin(th) * Math.cos(phi);
                s.py += w * rr * Math.sin(th) * Math.sin(phi);
                s.pz += w * rr * Math.cos(th);
            } else {
                s.px += w * (s.tx + p[o + 5] * s.random11() * d);
                s.py += w * (s.ty + p[o + 6] * s.random11() * d);
                s.pz += w * (s.tz + p[o + 7] * s.random11() * d);
            }
        });
        // dc_linear: linear, the point's colour set directly from its position along the direction
        // angle: the fractional part of |((x, y) . (cos angle, sin angle) + offset) / scale + 1| / 2
        v.add("dc_linear", params("dc_linear_offset", 0, "dc_linear_angle", 0, "dc_linear_scale", 1), (s, w, p, o) -> {
            s.px += w * s.tx;
            s.py += w * s.ty;
            double scale = Math.abs(p[o + 2]) < EPS ? EPS : p[o + 2];
            double c = Math.abs(0.5 * ((Math.cos(p[o + 1]) * s.tx + Math.sin(p[o + 1]) * s.ty + p[o]) / scale + 1));
            if (Double.isFinite(c)) {
                s.dc = c - Math.floor(c);
            }
        });
        // clifford_js: Clifford Pickover's attractor map, (sin a y + c cos a x, sin b x + d cos b y)
        v.add("clifford_js", params("clifford_js_a", -1.4, "clifford_js_b", 1.6, "clifford_js_c", 1, "clifford_js_d", 0.7),
                (s, w, p, o) -> {
            double a = p[o], b = p[o + 1];
            s.px += w * (Math.sin(a * s.ty) + p[o + 2] * Math.cos(a * s.tx));
            s.py += w * (Math.sin(b * s.tx) + p[o + 3] * Math.cos(b * s.ty));
        });
        // d_spherical: spherical for a share d_spher_weight of the points, linear for the rest
        v.add("d_spherical", params("d_spherical_d_spher_weight", 0.5), (s, w, p, o) -> {
            double r = s.random01() < p[o] ? w / (s.sumsq() + EPS) : w;
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // depth: a perspective by the point's own depth, (x, y) / (1 - power z), z kept
        v.add("depth", params("depth_power", 1), (s, w, p, o) -> {
            double d = 1 - p[o] * s.tz;
            double r = w / (Math.abs(d) < EPS ? (d < 0 ? -EPS : EPS) : d);
            s.px += r * s.tx;
            s.py += r * s.ty;
            s.pz += w * s.tz;
        });
        // checks: a checkerboard of cells of the given size; the point moves by (-x, -y) on one colour
        // and (x, y) on the other, one axis jittered by rnd
        v.add("checks", params("checks_x", 10, "checks_y", 10, "checks_size", 0.1, "checks_rnd", 0), (s, w, p, o) -> {
            double size = Math.abs(p[o + 2]) < EPS ? EPS : p[o + 2];
            long cell = (long) Math.rint(s.tx / size) + (long) Math.rint(s.ty / size);
            double jitter = p[o + 3] * s.random01();
            if ((cell & 1) == 0) {
                s.px += w * (s.tx - p[o] + jitter);
                s.py += w * (s.ty - p[o + 1]);
            } else {
                s.px += w * (s.tx + p[o]);
                s.py += w * (s.ty + p[o + 1] + jitter);
            }
        });
        // circleRand: discs scattered over the integer grid of [-X, X] x [-Y, Y], a cell holding one with
        // probability Dens (decided by a hash of the cell and Seed), of radius up to Sc / 2; a random point of one
        v.add("circleRand", params("circleRand_Sc", 1, "circleRand_Dens", 0.5, "circleRand_X", 10, "circleRand_Y", 10,
                "circleRand_Seed", 0), (s, w, p, o) -> {
            double nx = Math.max(0, Math.abs(p[o + 2])), ny = Math.max(0, Math.abs(p[o + 3]));
            for (int tries = 0; tries < 64; tries++) {
                double cx = Math.floor(s.random01() * (2 * nx + 1)) - nx, cy = Math.floor(s.random01() * (2 * ny + 1)) - ny;
                if (cellHash(cx, cy, p[o + 4]) < p[o + 1]) {
                    double r = 0.5 * p[o] * cellHash(cy + 0.5, cx - 0.5, p[o + 4] + 1) * Math.sqrt(s.random01());
                    double a = 2 * Math.PI * s.random01();
                    s.px += w * (cx + r * Math.cos(a));
                    s.py += w * (cy + r * Math.sin(a));
                    return;
                }
            }
        });
        // extrude: the plane's shape lifted into a prism of height weight: a point lands on its top
        // face with probability root_face, else at a uniform height on its side
        v.add("extrude", params("extrude_root_face", 0.5), (s, w, p, o) -> {
            s.px += w * s.tx;
            s.py += w * s.ty;
            s.pz += s.random01() < p[o] ? w : w * s.random01();
        });
        // mandelbrot: a random point c of the window [xmin, xmax] x [ymin, ymax] that stays bounded
        // under z -> z^2 + c for iter steps (escapes, when invert != 0), drawn by rejection; z starts at
        // (cx, cy), moved by up to rnd_z_range. JWildfire's seed and max_points steer its own random
        // stream and point cache: read, and the render's random stream used instead
        v.add("mandelbrot", params("mandelbrot_iter", 100, "mandelbrot_xmin", -1.6, "mandelbrot_xmax", 1.6,
                "mandelbrot_ymin", -1.2, "mandelbrot_ymax", 1.2, "mandelbrot_invert", 0, "mandelbrot_skin", 0,
                "mandelbrot_cx", 0, "mandelbrot_cy", 0, "mandelbrot_rnd_z_range", 0, "mandelbrot_seed", 0,
                "mandelbrot_max_points", -1), (s, w, p, o) -> {
            int iter = (int) Math.max(1, Math.min(500, Math.abs(p[o])));
            double cx = 0, cy = 0;
            for (int tries = 0; tries < 32; tries++) {
                cx = p[o + 1] + (p[o + 2] - p[o + 1]) * s.random01();
                cy = p[o + 3] + (p[o + 4] - p[o + 3]) * s.random01();
                double zx = p[o + 7] + p[o + 9] * s.random11(), zy = p[o + 8] + p[o + 9] * s.random11();
                int k = 0;
                while (k < iter && zx * zx + zy * zy < 4) {
                    double t = zx * zx - zy * zy + cx;
                    zy = 2 * zx * zy + cy;
                    zx = t;
                    k++;
                }
                boolean inside = k >= iter;
                boolean skin = p[o + 6] <= 0 || k >= (1 - Math.min(1, p[o + 6])) * iter;
                if (inside == (p[o + 5] == 0) && (inside || skin)) {
                    break;
                }
            }
            s.px += w * cx;
            s.py += w * cy;
        });
        // bwraps: the plane cut into square cells; within the bubble of each cell (its size set by
        // space and gain) points are magnified and twisted, from inner_twist at the centre to
        // outer_twist at the rim; elsewhere they pass unchanged
        v.add("bwraps", params("bwraps_cellsize", 1, "bwraps_space", 0, "bwraps_gain", 1, "bwraps_inner_twist", 0,
                "bwraps_outer_twist", 0), (s, w, p, o) -> {
            double cell = p[o];
            double x = s.tx, y = s.ty;
            double radius = 0.5 * (cell / (1 + p[o + 1] * p[o + 1]));
            double g2 = p[o + 2] * p[o + 2] / (radius + EPS) + 1e-6;
            double maxBubble = g2 * radius;
            maxBubble = maxBubble > 2 ? 1 : maxBubble / (maxBubble * maxBubble / 4 + 1);
            double r2 = radius * radius;
            if (Math.abs(cell) >= EPS && maxBubble > 0) {
                double cx = (Math.floor(x / cell) + 0.5) * cell, cy = (Math.floor(y / cell) + 0.5) * cell;
                double lx = x - cx, ly = y - cy;
                if (lx * lx + ly * ly <= r2) {
                    lx *= g2;
                    ly *= g2;
                    double r = radius / maxBubble / ((lx * lx + ly * ly) / 4 + 1);
                    lx *= r;
                    ly *= r;
                    r = (lx * lx + ly * ly) / (r2 + EPS);
                    double theta = p[o + 3] * (1 - r) + p[o + 4] * r, sn = Math.sin(theta), c = Math.cos(theta);
                    x = cx + c * lx + sn * ly;
                    y = cy - sn * lx + c * ly;
                }
            }
            s.px += w * x;
            s.py += w * y;
        });
        // hexes: the plane cut into hexagonal cells of the given size; around each cell's centre the
        // point is turned by rotate turns, its distance raised to power (in cell units) and scaled
        v.add("hexes", params("hexes_cellsize", 1, "hexes_power", 1, "hexes_rotate", 0.166, "hexes_scale", 1), (s, w, p, o) -> {
            double size = Math.abs(p[o]) < EPS ? EPS : Math.abs(p[o]);
            double sq3 = Math.sqrt(3);
            // axial coordinates of the point, rounded to the nearest cell through cube coordinates
            double q = (sq3 / 3 * s.tx - s.ty / 3) / size, r = 2.0 / 3 * s.ty / size, c3 = -q - r;
            double rq = Math.rint(q), rr = Math.rint(r), rc = Math.rint(c3);
            double dq = Math.abs(rq - q), dr = Math.abs(rr - r), dc3 = Math.abs(rc - c3);
            if (dq > dr && dq > dc3) {
                rq = -rr - rc;
            } else if (dr > dc3) {
                rr = -rq - rc;
            }
            double cx = size * sq3 * (rq + rr / 2), cy = size * 1.5 * rr;
            double lx = s.tx - cx, ly = s.ty - cy;
            double d = Math.sqrt(lx * lx + ly * ly);
            double k = d < EPS ? 0 : p[o + 3] * size * Math.pow(d / size, p[o + 1]) / d;
            double a = 2 * Math.PI * p[o + 2], ca = Math.cos(a), sa = Math.sin(a);
            s.px += w * (cx + k * (ca * lx - sa * ly));
            s.py += w * (cy + k * (sa * lx + ca * ly));
        });
        // bcircle: the unit disc (after scaling the point) kept; a point outside is put on a ring of
        // width borderwidth / 5 around it, or dropped from the sum when borderwidth is 0
        v.add("bcircle", params("bcircle_scale", 1, "bcircle_borderwidth", 0), (s, w, p, o) -> {
            double x = p[o] * s.tx, y = p[o] * s.ty, r = Math.sqrt(x * x + y * y);
            if (r <= 1) {
                s.px += w * x;
                s.py += w * y;
            } else if (p[o + 1] != 0) {
                double a = Math.atan2(y, x), omega = 0.2 * p[o + 1] * s.random01() + 1;
                s.px += w * omega * Math.cos(a);
                s.py += w * omega * Math.sin(a);
            }
        });
        // foci_3D: foci in space, (sinh-like x, sin y, sin z) over (cosh x - cos y cos z)
        v.add("foci_3D", (s, w, p, o) -> {
            double ex = 0.5 * Math.exp(s.tx), enx = 0.25 / ex;
            double d = ex + enx - Math.cos(s.ty) * Math.cos(s.tz);
            double t = w / (Math.abs(d) < EPS ? EPS : d);
            s.px += (ex - enx) * t;
            s.py += Math.sin(s.ty) * t;
            s.pz += Math.sin(s.tz) * t;
        });
        // barycentroid: the point's coordinates (u, v) in the basis (a, b), (c, d), each lengthened
        // by the matching input coordinate: (sign(u) sqrt(u^2 + x^2), sign(v) sqrt(v^2 + y^2))
        v.add("barycentroid", params("barycentroid_a", 1, "barycentroid_b", 0, "barycentroid_c", 0, "barycentroid_d", 1),
                (s, w, p, o) -> {
            double a = p[o], b = p[o + 1], c = p[o + 2], d = p[o + 3];
            double d00 = a * a + b * b, d01 = a * c + b * d, d02 = a * s.tx + b * s.ty;
            double d11 = c * c + d * d, d12 = c * s.tx + d * s.ty;
            double den = d00 * d11 - d01 * d01;
            double inv = Math.abs(den) < EPS ? 0 : 1 / den;
            double u = (d11 * d02 - d01 * d12) * inv, vv = (d00 * d12 - d01 * d02) * inv;
            s.px += w * Math.sqrt(u * u + s.tx * s.tx) * (u < 0 ? -1 : 1);
            s.py += w * Math.sqrt(vv * vv + s.ty * s.ty) * (vv < 0 ? -1 : 1);
        });
        // checkerboard_wf: a random point of a size x size board of checkers of checker_size,
        // coloured checker_color1 or checker_color2 by parity (a direct colour), the second kind
        // raised by displ_amount, their sides (with_sides != 0) drawn in side_color; the board lies
        // across axis 0 (z), 1 (x) or 2 (y) at position along it
        v.add("checkerboard_wf", params("checkerboard_wf_position", 0, "checkerboard_wf_size", 1,
                "checkerboard_wf_checker_size", 0.1, "checkerboard_wf_axis", 0, "checkerboard_wf_checker_color1", 0,
                "checkerboard_wf_checker_color2", 0.5, "checkerboard_wf_with_sides", 0, "checkerboard_wf_side_color", 1,
                "checkerboard_wf_displ_amount", 0), (s, w, p, o) -> {
            double half = 0.5 * Math.abs(p[o + 1]), cs = Math.abs(p[o + 2]) < EPS ? EPS : Math.abs(p[o + 2]);
            double u = half * s.random11(), v2 = half * s.random11(), h = 0;
            long cell = (long) Math.floor(u / cs) + (long) Math.floor(v2 / cs);
            boolean raised = (cell & 1) != 0;
            double colour = raised ? p[o + 5] : p[o + 4];
            if (raised) {
                h = p[o + 8];
                if (p[o + 6] != 0 && s.randomBit()) {
                    u = Math.floor(u / cs) * cs + (s.randomBit() ? cs : 0);
                    h = p[o + 8] * s.random01();
                    colour = p[o + 7];
                }
            }
            double n = p[o] + h;
            int axis = (int) Math.rint(p[o + 3]);
            if (axis == 1) {
                s.px += w * n;
                s.py += w * u;
                s.pz += w * v2;
            } else if (axis == 2) {
                s.px += w * v2;
                s.py += w * n;
                s.pz += w * u;
            } else {
                s.px += w * u;
                s.py += w * v2;
                s.pz += w * n;
            }
            s.dc = Math.max(0, Math.min(1, colour));
        });
    }

    /**
     * The height field of {@code z} and {@code y} at polar (r, phi): each shape's radial profile
     * less r, weighted: a regular hypergon of n sides and radius, a star of n points and slope, a
     * lituus of parameter a, a superformula curve of (m, n1, n2, n3).
     */
    private static double shapes(double r, double phi, double hypergon, double hypergonN, double hypergonR, double star,
            double starN, double starSlope, double lituus, double lituusA, double sup, double m, double n1, double n2, double n3) {
        double h = 0;
        if (hypergon != 0) {
            double seg = 2 * Math.PI / Math.max(1, hypergonN);
            double t = phi - seg * Math.floor(phi / seg) - seg / 2;
            h += hypergon * (hypergonR * Math.cos(seg / 2) / Math.cos(t) - r);
        }
        if (star != 0) {
            double seg = 2 * Math.PI / Math.max(1, starN);
            double t = Math.abs(phi - seg * Math.floor(phi / seg) - seg / 2);
            h += star * (1 - t * Math.tan(Math.max(-1.5, Math.min(1.5, starSlope - Math.PI / 2))) - r);
        }
        if (lituus != 0) {
            h += lituus * (Math.sqrt(Math.abs(lituusA) / (Math.abs(phi) + Math.PI)) - r);
        }
        if (sup != 0) {
            double t = m * phi / 4;
            double sr = Math.pow(Math.pow(Math.abs(Math.cos(t)), n2) + Math.pow(Math.abs(Math.sin(t)), n3), -1 / (n1 == 0 ? 1 : n1));
            h += sup * (sr - r);
        }
        return h;
    }

    /** A number in [0, 1) fixed by (x, y, seed): the fractional part of a large multiple of a sine. */
    private static double cellHash(double x, double y, double seed) {
        double h = Math.sin(x * 12.9898 + y * 78.233 + seed * 37.719) * 43758.5453;
        return h - Math.floor(h);
    }

    /** The L^n norm of (x, y). */
    private static double lp(double x, double y, double n) {
        return Math.pow(Math.pow(Math.abs(x), n) + Math.pow(Math.abs(y), n), 1 / n);
    }
}

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
    }

    /** The L^n norm of (x, y). */
    private static double lp(double x, double y, double n) {
        return Math.pow(Math.pow(Math.abs(x), n) + Math.pow(Math.abs(y), n), 1 / n);
    }
}

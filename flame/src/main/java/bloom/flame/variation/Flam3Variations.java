package bloom.flame.variation;

import static bloom.flame.variation.IterationState.EPS;
import static bloom.flame.variation.Variations.params;

/**
 * flam3's variations 36-98, in flam3's order and with its XML names and parameter defaults.
 * Each comment gives the formula; theta = atan2(x, y), phi = atan2(y, x), r = |(x, y)|, and
 * "rand" is uniform in [0, 1).
 */
final class Flam3Variations {

    private static final double HALF_PI = Math.PI / 2;

    private Flam3Variations() {}

    /** flam3's test for a diverged value, used where a formula guards against it. */
    private static boolean bad(double v) {
        return !(v > -1e10 && v < 1e10);
    }

    static void register(Variations.Builder v) {
        // 36 radial_blur: a Gaussian-ish blur g = w (sum of 4 rand - 2) along the circle (spin) and
        // the ray (zoom): r (cos, sin)(phi + spin g) + (zoom g - 1) (x, y), spin/zoom = sin/cos(angle pi/2)
        v.add("radial_blur", params("radial_blur_angle", 0), (s, w, p, o) -> {
            double spin = Math.sin(p[o] * HALF_PI), zoom = Math.cos(p[o] * HALF_PI);
            double g = w * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
            double a = s.atanYX() + spin * g, r = s.sqrt(), rz = zoom * g - 1;
            s.px += r * Math.cos(a) + rz * s.tx;
            s.py += r * Math.sin(a) + rz * s.ty;
        });
        // 37 pie: a random point of a random slice: angle rotation + 2 pi (slice + rand thickness) / slices
        v.add("pie", params("pie_slices", 6, "pie_rotation", 0, "pie_thickness", 0.5), (s, w, p, o) -> {
            double slices = p[o];
            int sl = (int) (s.random01() * slices + 0.5);
            double a = p[o + 1] + 2 * Math.PI * (sl + s.random01() * p[o + 2]) / slices, r = w * s.random01();
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // 38 ngon: (x, y) (corners (1/cos(phi') - 1) + circle) / r^power, phi' = phi folded into one side
        v.add("ngon", params("ngon_sides", 5, "ngon_power", 3, "ngon_circle", 1, "ngon_corners", 2), (s, w, p, o) -> {
            double rf = Math.pow(s.sumsq(), p[o + 1] / 2), b = 2 * Math.PI / p[o];
            double phi = s.atanYX() - b * Math.floor(s.atanYX() / b);
            if (phi > b / 2) {
                phi -= b;
            }
            double amp = (p[o + 3] * (1.0 / (Math.cos(phi) + EPS) - 1.0) + p[o + 2]) / (rf + EPS);
            s.px += w * s.tx * amp;
            s.py += w * s.ty * amp;
        });
        // 39 curl: z / (1 + c1 z + c2 z^2) in complex form
        v.add("curl", params("curl_c1", 1, "curl_c2", 0), (s, w, p, o) -> {
            double c1 = p[o], c2 = p[o + 1];
            double re = 1 + c1 * s.tx + c2 * (s.tx * s.tx - s.ty * s.ty), im = c1 * s.ty + 2 * c2 * s.tx * s.ty;
            double r = w / (re * re + im * im);
            s.px += (s.tx * re + s.ty * im) * r;
            s.py += (s.ty * re - s.tx * im) * r;
        });
        // 40 rectangles: each coordinate reflected inside cells of size (x, y)
        v.add("rectangles", params("rectangles_x", 1, "rectangles_y", 1), (s, w, p, o) -> {
            double rx = p[o], ry = p[o + 1];
            s.px += rx == 0 ? w * s.tx : w * ((2 * Math.floor(s.tx / rx) + 1) * rx - s.tx);
            s.py += ry == 0 ? w * s.ty : w * ((2 * Math.floor(s.ty / ry) + 1) * ry - s.ty);
        });
        // 41 arch: a = rand w pi; (sin a, sin^2 a / cos a)
        v.add("arch", (s, w, p, o) -> {
            double a = s.random01() * w * Math.PI, sn = Math.sin(a);
            s.px += w * sn;
            s.py += w * sn * sn / Math.cos(a);
        });
        // 42 tangent: (sin x / cos y, tan y)
        v.add("tangent", (s, w, p, o) -> {
            s.px += w * Math.sin(s.tx) / Math.cos(s.ty);
            s.py += w * Math.tan(s.ty);
        });
        // 43 square: a uniform random point of the unit square around the origin
        v.add("square", (s, w, p, o) -> {
            s.px += w * (s.random01() - 0.5);
            s.py += w * (s.random01() - 0.5);
        });
        // 44 rays: w tan(rand w pi) / r^2 (cos x, sin y)
        v.add("rays", (s, w, p, o) -> {
            double a = w * s.random01() * Math.PI, r = w / (s.sumsq() + EPS), t = w * Math.tan(a) * r;
            s.px += t * Math.cos(s.tx);
            s.py += t * Math.sin(s.ty);
        });
        // 45 blade: x (cos t + sin t, cos t - sin t), t = rand w r
        v.add("blade", (s, w, p, o) -> {
            double t = s.random01() * w * s.sqrt(), sn = Math.sin(t), cs = Math.cos(t);
            s.px += w * s.tx * (cs + sn);
            s.py += w * s.tx * (cs - sn);
        });
        // 46 secant2: (x, 1/cos(w r) -+ 1)
        v.add("secant2", (s, w, p, o) -> {
            double cr = Math.cos(w * s.sqrt()), icr = 1.0 / cr;
            s.px += w * s.tx;
            s.py += cr < 0 ? w * (icr + 1) : w * (icr - 1);
        });
        // 47 twintrian: x (d, d - pi sin t), d = log10(sin^2 t) + cos t, t = rand w r
        v.add("twintrian", (s, w, p, o) -> {
            double t = s.random01() * w * s.sqrt(), sn = Math.sin(t), cs = Math.cos(t);
            double diff = Math.log10(sn * sn) + cs;
            if (bad(diff)) {
                diff = -30.0;
            }
            s.px += w * s.tx * diff;
            s.py += w * s.tx * (diff - sn * Math.PI);
        });
        // 48 cross: (x, y) / |x^2 - y^2|
        v.add("cross", (s, w, p, o) -> {
            double d = s.tx * s.tx - s.ty * s.ty, r = w * Math.sqrt(1.0 / (d * d + EPS));
            s.px += s.tx * r;
            s.py += s.ty * r;
        });
        // 49 disc2: disc with rotation and a twist that grows the circle beyond a full turn
        v.add("disc2", params("disc2_rot", 0, "disc2_twist", 0), (s, w, p, o) -> {
            double twist = p[o + 1], timespi = p[o] * Math.PI;
            double sinadd = Math.sin(twist), cosadd = Math.cos(twist) - 1;
            if (twist > 2 * Math.PI) {
                double k = 1 + twist - 2 * Math.PI;
                cosadd *= k;
                sinadd *= k;
            } else if (twist < -2 * Math.PI) {
                double k = 1 + twist + 2 * Math.PI;
                cosadd *= k;
                sinadd *= k;
            }
            double t = timespi * (s.tx + s.ty), r = w * s.atanXY() / Math.PI;
            s.px += (Math.sin(t) + cosadd) * r;
            s.py += (Math.cos(t) + sinadd) * r;
        });
        // 50 super_shape: Gielis' superformula radius (|cos(m phi/4)|^n2 + |sin(m phi/4)|^n3)^(-1/n1)
        v.add("super_shape", params("super_shape_rnd", 0, "super_shape_m", 0, "super_shape_n1", 1,
                "super_shape_n2", 1, "super_shape_n3", 1, "super_shape_holes", 0), (s, w, p, o) -> {
            double theta = p[o + 1] / 4 * s.atanYX() + Math.PI / 4;
            double t1 = Math.pow(Math.abs(Math.cos(theta)), p[o + 3]);
            double t2 = Math.pow(Math.abs(Math.sin(theta)), p[o + 4]);
            double rnd = p[o], sq = s.sqrt();
            double r = w * ((rnd * s.random01() + (1 - rnd) * sq) - p[o + 5]) * Math.pow(t1 + t2, -1.0 / p[o + 2]) / (sq + EPS);
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // 51 flower: (x, y) (rand - holes) cos(petals phi) / r
        v.add("flower", params("flower_petals", 0, "flower_holes", 0), (s, w, p, o) -> {
            double r = w * (s.random01() - p[o + 1]) * Math.cos(p[o] * s.atanYX()) / (s.sqrt() + EPS);
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // 52 conic: (x, y) (rand - holes) e / (1 + e x/r) / r
        v.add("conic", params("conic_eccentricity", 1, "conic_holes", 0), (s, w, p, o) -> {
            double sq = s.sqrt() + EPS, e = p[o];
            double r = w * (s.random01() - p[o + 1]) * e / (1 + e * s.tx / sq) / sq;
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // 53 parabola: (height sin^2 r rand, width cos r rand)
        v.add("parabola", params("parabola_height", 0, "parabola_width", 0), (s, w, p, o) -> {
            double r = s.sqrt(), sn = Math.sin(r);
            s.px += p[o] * w * sn * sn * s.random01();
            s.py += p[o + 1] * w * Math.cos(r) * s.random01();
        });
        // 54 bent2: bent with the negative side scaled by (x, y)
        v.add("bent2", params("bent2_x", 1, "bent2_y", 1), (s, w, p, o) -> {
            s.px += w * (s.tx < 0 ? s.tx * p[o] : s.tx);
            s.py += w * (s.ty < 0 ? s.ty * p[o + 1] : s.ty);
        });
        // 55 bipolar: bipolar coordinates (log of the distance ratio to the foci +-1, and the angle)
        v.add("bipolar", params("bipolar_shift", 0), (s, w, p, o) -> {
            double x2y2 = s.sumsq(), t = x2y2 + 1, x2 = 2 * s.tx;
            double y = 0.5 * FastMath.atan2(2.0 * s.ty, x2y2 - 1.0) - HALF_PI * p[o];
            if (y > HALF_PI) {
                y = -HALF_PI + FastMath.fmod(y + HALF_PI, Math.PI);
            } else if (y < -HALF_PI) {
                y = HALF_PI - FastMath.fmod(HALF_PI - y, Math.PI);
            }
            double f = t + x2, g = t - x2;
            if (g == 0 || f / g <= 0) {
                return;
            }
            s.px += w * 0.25 * (2 / Math.PI) * Math.log(f / g);
            s.py += w * (2 / Math.PI) * y;
        });
        // 56 boarders: points pulled into tiles, a quarter of them onto the tile borders
        v.add("boarders", (s, w, p, o) -> {
            double rx = Math.rint(s.tx), ry = Math.rint(s.ty), ox = s.tx - rx, oy = s.ty - ry;
            if (s.random01() >= 0.75) {
                s.px += w * (ox * 0.5 + rx);
                s.py += w * (oy * 0.5 + ry);
            } else if (Math.abs(ox) >= Math.abs(oy)) {
                double sign = ox >= 0 ? 1 : -1;
                s.px += w * (ox * 0.5 + rx + sign * 0.25);
                s.py += w * (oy * 0.5 + ry + sign * 0.25 * oy / ox);
            } else {
                double sign = oy >= 0 ? 1 : -1;
                s.py += w * (oy * 0.5 + ry + sign * 0.25);
                s.px += w * (ox * 0.5 + rx + sign * ox / oy * 0.25);
            }
        });
        // 57 butterfly: 1.30294 sqrt(|x y| / (x^2 + 4 y^2)) (x, 2y)
        v.add("butterfly", (s, w, p, o) -> {
            double wx = w * 1.3029400317411197908970256609023, y2 = 2 * s.ty;
            double r = wx * Math.sqrt(Math.abs(s.ty * s.tx) / (EPS + s.tx * s.tx + y2 * y2));
            s.px += r * s.tx;
            s.py += r * y2;
        });
        // 58 cell: the plane cut into cells of the given size, cells rearranged into one quadrant
        v.add("cell", params("cell_size", 1), (s, w, p, o) -> {
            double size = p[o], inv = 1.0 / size;
            double x = Math.floor(s.tx * inv), y = Math.floor(s.ty * inv);
            double dx = s.tx - x * size, dy = s.ty - y * size;
            if (y >= 0) {
                y *= 2;
                x = x >= 0 ? x * 2 : -(2 * x + 1);
            } else {
                y = -(2 * y + 1);
                x = x >= 0 ? x * 2 : -(2 * x + 1);
            }
            s.px += w * (dx + x * size);
            s.py -= w * (dy + y * size);
        });
        // 59 cpow: the complex power z^((r + i i) / power), choosing a random branch
        v.add("cpow", params("cpow_r", 1, "cpow_i", 0, "cpow_power", 1), (s, w, p, o) -> {
            double power = p[o + 2], a = s.atanYX(), lnr = 0.5 * Math.log(s.sumsq());
            double va = 2 * Math.PI / power, vc = p[o] / power, vd = p[o + 1] / power;
            double ang = vc * a + vd * lnr + va * Math.floor(power * s.random01());
            double m = w * Math.exp(vc * lnr - vd * a);
            s.px += m * Math.cos(ang);
            s.py += m * Math.sin(ang);
        });
        // 60 curve: (x + xamp exp(-y^2/xlength^2), y + yamp exp(-x^2/ylength^2))
        v.add("curve", params("curve_xamp", 0, "curve_yamp", 0, "curve_xlength", 1, "curve_ylength", 1), (s, w, p, o) -> {
            double xl = Math.max(p[o + 2] * p[o + 2], 1e-20), yl = Math.max(p[o + 3] * p[o + 3], 1e-20);
            s.px += w * (s.tx + p[o] * Math.exp(-s.ty * s.ty / xl));
            s.py += w * (s.ty + p[o + 1] * Math.exp(-s.tx * s.tx / yl));
        });
        // 61 edisc: elliptic coordinates mapped back through cosh and sinh
        v.add("edisc", (s, w, p, o) -> {
            double tmp = s.sumsq() + 1, tmp2 = 2 * s.tx;
            double xmax = (Math.sqrt(tmp + tmp2) + Math.sqrt(tmp - tmp2)) * 0.5;
            double a1 = Math.log(xmax + Math.sqrt(xmax - 1));
            double a2 = -Math.acos(Math.max(-1, Math.min(1, s.tx / xmax)));
            double ww = w / 11.57034632;
            double snv = Math.sin(a1);
            if (s.ty > 0) {
                snv = -snv;
            }
            s.px += ww * FastMath.cosh(a2) * Math.cos(a1);
            s.py += ww * FastMath.sinh(a2) * snv;
        });
        // 62 elliptic: elliptic coordinates (angle, log radius), scaled by 2/pi
        v.add("elliptic", (s, w, p, o) -> {
            double tmp = s.sumsq() + 1, x2 = 2 * s.tx;
            double xmax = 0.5 * (Math.sqrt(tmp + x2) + Math.sqrt(tmp - x2));
            double a = s.tx / xmax, b = 1 - a * a, ssx = xmax - 1, ww = w / HALF_PI;
            b = b < 0 ? 0 : Math.sqrt(b);
            ssx = ssx < 0 ? 0 : Math.sqrt(ssx);
            s.px += ww * FastMath.atan2(a, b);
            s.py += (s.ty > 0 ? ww : -ww) * Math.log(xmax + ssx);
        });
        // 63 escher: the complex power z^((1 + e^(i beta)) / 2)
        v.add("escher", params("escher_beta", 0), (s, w, p, o) -> {
            double a = s.atanYX(), lnr = 0.5 * Math.log(s.sumsq());
            double vc = 0.5 * (1 + Math.cos(p[o])), vd = 0.5 * Math.sin(p[o]);
            double m = w * Math.exp(vc * lnr - vd * a), n = vc * a + vd * lnr;
            s.px += m * Math.cos(n);
            s.py += m * Math.sin(n);
        });
        // 64 foci: (sinh x, sin y) / (cosh x - cos y)
        v.add("foci", (s, w, p, o) -> {
            double ex = Math.exp(s.tx) * 0.5, enx = 0.25 / ex, t = w / (ex + enx - Math.cos(s.ty));
            s.px += t * (ex - enx);
            s.py += t * Math.sin(s.ty);
        });
        // 65 lazysusan: inside a disc of radius w around (x, -y), rotate (with twist); outside, push out
        v.add("lazysusan", params("lazysusan_spin", 0, "lazysusan_space", 0, "lazysusan_twist", 0,
                "lazysusan_x", 0, "lazysusan_y", 0), (s, w, p, o) -> {
            double cx = p[o + 3], cy = p[o + 4];
            double x = s.tx - cx, y = s.ty + cy, r = Math.sqrt(x * x + y * y);
            if (r < w) {
                double a = FastMath.atan2(y, x) + p[o] + p[o + 2] * (w - r);
                r = w * r;
                s.px += r * Math.cos(a) + cx;
                s.py += r * Math.sin(a) - cy;
            } else {
                r = w * (1.0 + p[o + 1] / r);
                s.px += r * x + cx;
                s.py += r * y - cy;
            }
        });
        // 66 loonie: inside the circle of radius w, sqrt(w^2/r^2 - 1) (x, y); outside, (x, y)
        v.add("loonie", (s, w, p, o) -> {
            double r2 = s.sumsq(), w2 = w * w;
            double r = r2 < w2 ? w * Math.sqrt(w2 / r2 - 1.0) : w;
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // 67 pre_blur: moves the input point by a Gaussian-ish offset before the other variations
        v.addPre("pre_blur", (s, w, p, o) -> {
            double g = w * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
            double a = s.random01() * 2 * Math.PI;
            s.tx += g * Math.cos(a);
            s.ty += g * Math.sin(a);
            s.moved();
        });
        // 68 modulus: each coordinate wrapped into [-x, x] and [-y, y]
        v.add("modulus", params("modulus_x", 0, "modulus_y", 0), (s, w, p, o) -> {
            s.px += w * wrap(s.tx, p[o]);
            s.py += w * wrap(s.ty, p[o + 1]);
        });
        // 69 oscilloscope: y mirrored inside a (damped) cosine band around separation
        v.add("oscilloscope", params("oscilloscope_separation", 1, "oscilloscope_frequency", Math.PI,
                "oscilloscope_amplitude", 1, "oscilloscope_damping", 0), (s, w, p, o) -> {
            double tpf = 2 * Math.PI * p[o + 1], damping = p[o + 3];
            double t = damping == 0 ? p[o + 2] * Math.cos(tpf * s.tx) + p[o]
                    : p[o + 2] * Math.exp(-Math.abs(s.tx) * damping) * Math.cos(tpf * s.tx) + p[o];
            s.px += w * s.tx;
            s.py += Math.abs(s.ty) <= t ? -w * s.ty : w * s.ty;
        });
        // 70 polar2: (theta / pi, log(r^2) / (2 pi))
        v.add("polar2", (s, w, p, o) -> {
            double p2v = w / Math.PI;
            s.px += p2v * s.atanXY();
            s.py += p2v / 2 * Math.log(s.sumsq());
        });
        // 71 popcorn2: popcorn with its own amplitudes and frequency
        v.add("popcorn2", params("popcorn2_x", 0, "popcorn2_y", 0, "popcorn2_c", 0), (s, w, p, o) -> {
            s.px += w * (s.tx + p[o] * Math.sin(Math.tan(s.ty * p[o + 2])));
            s.py += w * (s.ty + p[o + 1] * Math.sin(Math.tan(s.tx * p[o + 2])));
        });
        // 72 scry: (x, y) / (r (r^2 + 1/w))
        v.add("scry", (s, w, p, o) -> {
            double t = s.sumsq(), r = 1.0 / (Math.sqrt(t) * (t + 1.0 / (w + EPS)));
            s.px += s.tx * r;
            s.py += s.ty * r;
        });
        // 73 separation: each coordinate pushed away from its axis by sqrt(c^2 + v^2)
        v.add("separation", params("separation_x", 0, "separation_xinside", 0, "separation_y", 0,
                "separation_yinside", 0), (s, w, p, o) -> {
            double sx2 = p[o] * p[o], sy2 = p[o + 2] * p[o + 2];
            s.px += s.tx > 0 ? w * (Math.sqrt(s.tx * s.tx + sx2) - s.tx * p[o + 1])
                    : -w * (Math.sqrt(s.tx * s.tx + sx2) + s.tx * p[o + 1]);
            s.py += s.ty > 0 ? w * (Math.sqrt(s.ty * s.ty + sy2) - s.ty * p[o + 3])
                    : -w * (Math.sqrt(s.ty * s.ty + sy2) + s.ty * p[o + 3]);
        });
        // 74 split: each coordinate's sign flipped by the sign of a cosine of the other
        v.add("split", params("split_xsize", 0, "split_ysize", 0), (s, w, p, o) -> {
            s.py += Math.cos(s.tx * p[o] * Math.PI) >= 0 ? w * s.ty : -w * s.ty;
            s.px += Math.cos(s.ty * p[o + 1] * Math.PI) >= 0 ? w * s.tx : -w * s.tx;
        });
        // 75 splits: the half-planes pushed apart by (x, y)
        v.add("splits", params("splits_x", 0, "splits_y", 0), (s, w, p, o) -> {
            s.px += w * (s.tx >= 0 ? s.tx + p[o] : s.tx - p[o]);
            s.py += w * (s.ty >= 0 ? s.ty + p[o + 1] : s.ty - p[o + 1]);
        });
        // 76 stripes: x squeezed towards the nearest integer, y bent by the offset squared
        v.add("stripes", params("stripes_space", 0, "stripes_warp", 0), (s, w, p, o) -> {
            double rx = Math.floor(s.tx + 0.5), ox = s.tx - rx;
            s.px += w * (ox * (1.0 - p[o]) + rx);
            s.py += w * (s.ty + ox * ox * p[o + 1]);
        });
        // 77 wedge: the plane cut into count wedges separated by gaps of angle
        v.add("wedge", params("wedge_angle", 0, "wedge_hole", 0, "wedge_count", 1, "wedge_swirl", 0), (s, w, p, o) -> {
            double r = s.sqrt(), a = s.atanYX() + p[o + 3] * r;
            a = wedgeAngle(a, p[o], p[o + 2]);
            r = w * (r + p[o + 1]);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // 78 wedge_julia: julian followed by wedge
        v.add("wedge_julia", params("wedge_julia_angle", 0, "wedge_julia_count", 1, "wedge_julia_power", 1,
                "wedge_julia_dist", 0), (s, w, p, o) -> {
            double power = p[o + 2];
            double r = w * Math.pow(s.sumsq(), p[o + 3] / power / 2);
            int rnd = (int) (Math.abs(power) * s.random01());
            double a = (s.atanYX() + 2 * Math.PI * rnd) / power;
            a = wedgeAngle(a, p[o], p[o + 1]);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // 79 wedge_sph: spherical followed by wedge
        v.add("wedge_sph", params("wedge_sph_angle", 0, "wedge_sph_count", 1, "wedge_sph_hole", 0,
                "wedge_sph_swirl", 0), (s, w, p, o) -> {
            double r = 1.0 / (s.sqrt() + EPS), a = s.atanYX() + p[o + 3] * r;
            a = wedgeAngle(a, p[o], p[o + 1]);
            r = w * (r + p[o + 2]);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // 80 whorl: rotation by inside/(w - r) within radius w, outside/(w - r) beyond
        v.add("whorl", params("whorl_inside", 0, "whorl_outside", 0), (s, w, p, o) -> {
            double r = s.sqrt();
            double a = s.atanYX() + (r < w ? p[o] : p[o + 1]) / (w - r);
            s.px += w * r * Math.cos(a);
            s.py += w * r * Math.sin(a);
        });
        // 81 waves2: (x + sx sin(y fx), y + sy sin(x fy)); Ember adds a z wave sz sin(r fz)
        v.add("waves2", params("waves2_scalex", 0, "waves2_scaley", 0, "waves2_freqx", 0, "waves2_freqy", 0,
                Variations.extension("waves2_scalez", 0), Variations.extension("waves2_freqz", 0)),
                (s, w, p, o) -> {
                    s.px += w * (s.tx + p[o] * Math.sin(s.ty * p[o + 2]));
                    s.py += w * (s.ty + p[o + 1] * Math.sin(s.tx * p[o + 3]));
                    if (p[o + 4] != 0) {
                        s.pz += w * p[o + 4] * Math.sin(s.sqrt() * p[o + 5]);
                    }
                });
        // 82 exp: the complex exponential e^z
        v.add("exp", (s, w, p, o) -> {
            double e = Math.exp(s.tx);
            s.px += w * e * Math.cos(s.ty);
            s.py += w * e * Math.sin(s.ty);
        });
        // 83 log: the complex logarithm (log r, phi); JWildfire's and Ember's log_base divides log r by ln(base)
        v.add("log", params(Variations.extension("log_base", Math.E)), (s, w, p, o) -> {
            s.px += w * 0.5 / (p[o] > 0 && p[o] != 1 ? Math.log(p[o]) : 1) * Math.log(s.sumsq());
            s.py += w * s.atanYX();
        });
        // 84 sin: the complex sine (sin x cosh y, cos x sinh y)
        v.add("sin", (s, w, p, o) -> {
            s.px += w * Math.sin(s.tx) * FastMath.cosh(s.ty);
            s.py += w * Math.cos(s.tx) * FastMath.sinh(s.ty);
        });
        // 85 cos: the complex cosine (cos x cosh y, -sin x sinh y)
        v.add("cos", (s, w, p, o) -> {
            s.px += w * Math.cos(s.tx) * FastMath.cosh(s.ty);
            s.py -= w * Math.sin(s.tx) * FastMath.sinh(s.ty);
        });
        // 86 tan: the complex tangent (sin 2x, sinh 2y) / (cos 2x + cosh 2y)
        v.add("tan", (s, w, p, o) -> {
            double den = 1.0 / (Math.cos(2 * s.tx) + FastMath.cosh(2 * s.ty));
            s.px += w * den * Math.sin(2 * s.tx);
            s.py += w * den * FastMath.sinh(2 * s.ty);
        });
        // 87 sec: the complex secant 2 (cos x cosh y, sin x sinh y) / (cos 2x + cosh 2y)
        v.add("sec", (s, w, p, o) -> {
            double den = 2.0 / (Math.cos(2 * s.tx) + FastMath.cosh(2 * s.ty));
            s.px += w * den * Math.cos(s.tx) * FastMath.cosh(s.ty);
            s.py += w * den * Math.sin(s.tx) * FastMath.sinh(s.ty);
        });
        // 88 csc: the complex cosecant 2 (sin x cosh y, -cos x sinh y) / (cosh 2y - cos 2x)
        v.add("csc", (s, w, p, o) -> {
            double den = 2.0 / (FastMath.cosh(2 * s.ty) - Math.cos(2 * s.tx));
            s.px += w * den * Math.sin(s.tx) * FastMath.cosh(s.ty);
            s.py -= w * den * Math.cos(s.tx) * FastMath.sinh(s.ty);
        });
        // 89 cot: the complex cotangent (sin 2x, -sinh 2y) / (cosh 2y - cos 2x)
        v.add("cot", (s, w, p, o) -> {
            double den = 1.0 / (FastMath.cosh(2 * s.ty) - Math.cos(2 * s.tx));
            s.px += w * den * Math.sin(2 * s.tx);
            s.py -= w * den * FastMath.sinh(2 * s.ty);
        });
        // 90 sinh: the complex hyperbolic sine (sinh x cos y, cosh x sin y)
        v.add("sinh", (s, w, p, o) -> {
            s.px += w * FastMath.sinh(s.tx) * Math.cos(s.ty);
            s.py += w * FastMath.cosh(s.tx) * Math.sin(s.ty);
        });
        // 91 cosh: the complex hyperbolic cosine (cosh x cos y, sinh x sin y)
        v.add("cosh", (s, w, p, o) -> {
            s.px += w * FastMath.cosh(s.tx) * Math.cos(s.ty);
            s.py += w * FastMath.sinh(s.tx) * Math.sin(s.ty);
        });
        // 92 tanh: the complex hyperbolic tangent (sinh 2x, sin 2y) / (cos 2y + cosh 2x)
        v.add("tanh", (s, w, p, o) -> {
            double den = 1.0 / (Math.cos(2 * s.ty) + FastMath.cosh(2 * s.tx));
            s.px += w * den * FastMath.sinh(2 * s.tx);
            s.py += w * den * Math.sin(2 * s.ty);
        });
        // 93 sech: the complex hyperbolic secant 2 (cos y cosh x, -sin y sinh x) / (cos 2y + cosh 2x)
        v.add("sech", (s, w, p, o) -> {
            double den = 2.0 / (Math.cos(2 * s.ty) + FastMath.cosh(2 * s.tx));
            s.px += w * den * Math.cos(s.ty) * FastMath.cosh(s.tx);
            s.py -= w * den * Math.sin(s.ty) * FastMath.sinh(s.tx);
        });
        // 94 csch: the complex hyperbolic cosecant 2 (sinh x cos y, -cosh x sin y) / (cosh 2x - cos 2y)
        v.add("csch", (s, w, p, o) -> {
            double den = 2.0 / (FastMath.cosh(2 * s.tx) - Math.cos(2 * s.ty));
            s.px += w * den * FastMath.sinh(s.tx) * Math.cos(s.ty);
            s.py -= w * den * FastMath.cosh(s.tx) * Math.sin(s.ty);
        });
        // 95 coth: the complex hyperbolic cotangent (sinh 2x, sin 2y) / (cosh 2x - cos 2y)
        v.add("coth", (s, w, p, o) -> {
            double den = 1.0 / (FastMath.cosh(2 * s.tx) - Math.cos(2 * s.ty));
            s.px += w * den * FastMath.sinh(2 * s.tx);
            s.py += w * den * Math.sin(2 * s.ty);
        });
        // 96 auger: each coordinate shifted by a sine wave of the other, x only by 'sym'
        v.add("auger", params("auger_freq", 1, "auger_weight", 0.5, "auger_sym", 0, "auger_scale", 1), (s, w, p, o) -> {
            double freq = p[o], aw = p[o + 1], sym = p[o + 2], scale = p[o + 3];
            double sn = Math.sin(freq * s.tx), t = Math.sin(freq * s.ty);
            double dy = s.ty + aw * (scale * sn / 2.0 + Math.abs(s.ty) * sn);
            double dx = s.tx + aw * (scale * t / 2.0 + Math.abs(s.tx) * t);
            s.px += w * (s.tx + sym * (dx - s.tx));
            s.py += w * dy;
        });
        // 97 flux: the flow around two poles at (+-w, 0)
        v.add("flux", params("flux_spread", 0), (s, w, p, o) -> {
            double xpw = s.tx + w, xmw = s.tx - w, y2 = s.ty * s.ty;
            double avgr = w * (2 + p[o]) * Math.sqrt(Math.sqrt(y2 + xpw * xpw) / Math.sqrt(y2 + xmw * xmw));
            double avga = (FastMath.atan2(s.ty, xmw) - FastMath.atan2(s.ty, xpw)) * 0.5;
            s.px += avgr * Math.cos(avga);
            s.py += avgr * Math.sin(avga);
        });
        // 98 mobius: the Moebius transformation (a z + b) / (c z + d) of complex numbers
        v.add("mobius", params("mobius_re_a", 1, "mobius_im_a", 0, "mobius_re_b", 0, "mobius_im_b", 0,
                "mobius_re_c", 0, "mobius_im_c", 0, "mobius_re_d", 1, "mobius_im_d", 0), (s, w, p, o) -> {
            double reu = p[o] * s.tx - p[o + 1] * s.ty + p[o + 2];
            double imu = p[o] * s.ty + p[o + 1] * s.tx + p[o + 3];
            double rev = p[o + 4] * s.tx - p[o + 5] * s.ty + p[o + 6];
            double imv = p[o + 4] * s.ty + p[o + 5] * s.tx + p[o + 7];
            double rad = w / (rev * rev + imv * imv);
            s.px += rad * (reu * rev + imu * imv);
            s.py += rad * (imu * rev - reu * imv);
        });
    }

    /** flam3's modulus: v wrapped into [-m, m] (unchanged inside). */
    private static double wrap(double v, double m) {
        if (v > m) {
            return -m + FastMath.fmod(v + m, 2 * m);
        } else if (v < -m) {
            return m - FastMath.fmod(m - v, 2 * m);
        }
        return v;
    }

    /** The wedge construction: angle a squeezed so that count wedges leave gaps of the given angle. */
    private static double wedgeAngle(double a, double angle, double count) {
        double c = Math.floor((count * a + Math.PI) / Math.PI * 0.5);
        double comp = 1 - angle * count / Math.PI * 0.5;
        return a * comp + c * angle;
    }
}

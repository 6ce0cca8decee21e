package bloom.flame.variation;

import static bloom.flame.variation.IterationState.EPS;
import static bloom.flame.variation.Variations.params;

/**
 * flam3's variations 0-35, numbered as in flam3 (0 linear .. 19 power are the paper's V0-V19);
 * {@link Flam3Variations} has 36-98. Each entry states the formula (Draves and Reckase's
 * appendix and flam3's documentation) in the comment; theta is atan2(x, y), phi is atan2(y, x),
 * r is the distance to the origin.
 */
final class CoreVariations {

    private CoreVariations() {}

    static void register(Variations.Builder v) {
        // V0 linear: (x, y)
        v.add("linear", (s, w, p, o) -> {
            s.px += w * s.tx;
            s.py += w * s.ty;
        });
        // V1 sinusoidal: (sin x, sin y)
        v.add("sinusoidal", (s, w, p, o) -> {
            s.px += w * Math.sin(s.tx);
            s.py += w * Math.sin(s.ty);
        });
        // V2 spherical: (x, y) / r^2
        v.add("spherical", (s, w, p, o) -> {
            double r2 = w / (s.sumsq() + EPS);
            s.px += r2 * s.tx;
            s.py += r2 * s.ty;
        });
        // V3 swirl: (x sin r^2 - y cos r^2, x cos r^2 + y sin r^2)
        v.add("swirl", (s, w, p, o) -> {
            double r2 = s.sumsq();
            double sn = Math.sin(r2), cs = Math.cos(r2);
            s.px += w * (sn * s.tx - cs * s.ty);
            s.py += w * (cs * s.tx + sn * s.ty);
        });
        // V4 horseshoe: ((x - y)(x + y), 2xy) / r
        v.add("horseshoe", (s, w, p, o) -> {
            double r = w / (s.sqrt() + EPS);
            s.px += (s.tx - s.ty) * (s.tx + s.ty) * r;
            s.py += 2 * s.tx * s.ty * r;
        });
        // V5 polar: (theta / pi, r - 1)
        v.add("polar", (s, w, p, o) -> {
            s.px += w * s.atanXY() / Math.PI;
            s.py += w * (s.sqrt() - 1);
        });
        // V6 handkerchief: r (sin(theta + r), cos(theta - r))
        v.add("handkerchief", (s, w, p, o) -> {
            double a = s.atanXY(), r = s.sqrt();
            s.px += w * r * Math.sin(a + r);
            s.py += w * r * Math.cos(a - r);
        });
        // V7 heart: r (sin(theta r), -cos(theta r))
        v.add("heart", (s, w, p, o) -> {
            double r = s.sqrt(), a = r * s.atanXY();
            s.px += w * r * Math.sin(a);
            s.py -= w * r * Math.cos(a);
        });
        // V8 disc: theta / pi (sin(pi r), cos(pi r))
        v.add("disc", (s, w, p, o) -> {
            double a = s.atanXY() / Math.PI, r = Math.PI * s.sqrt();
            s.px += w * Math.sin(r) * a;
            s.py += w * Math.cos(r) * a;
        });
        // V9 spiral: (cos theta + sin r, sin theta - cos r) / r, with sin theta = x/r, cos theta = y/r
        v.add("spiral", (s, w, p, o) -> {
            double r = s.sqrt() + EPS, r1 = w / r;
            s.px += r1 * (s.ty / r + Math.sin(r));
            s.py += r1 * (s.tx / r - Math.cos(r));
        });
        // V10 hyperbolic: (sin theta / r, r cos theta)
        v.add("hyperbolic", (s, w, p, o) -> {
            double r = s.sqrt() + EPS;
            s.px += w * (s.tx / r) / r;
            s.py += w * (s.ty / r) * r;
        });
        // V11 diamond: (sin theta cos r, cos theta sin r)
        v.add("diamond", (s, w, p, o) -> {
            double r = s.sqrt() + EPS;
            s.px += w * (s.tx / r) * Math.cos(r);
            s.py += w * (s.ty / r) * Math.sin(r);
        });
        // V12 ex: p0 = sin(theta + r), p1 = cos(theta - r); r (p0^3 + p1^3, p0^3 - p1^3)
        v.add("ex", (s, w, p, o) -> {
            double a = s.atanXY(), r = s.sqrt();
            double n0 = Math.sin(a + r), n1 = Math.cos(a - r);
            double m0 = n0 * n0 * n0 * r, m1 = n1 * n1 * n1 * r;
            s.px += w * (m0 + m1);
            s.py += w * (m0 - m1);
        });
        // V13 julia: sqrt(r) (cos(theta/2 + omega), sin(theta/2 + omega)), omega random in {0, pi}
        v.add("julia", (s, w, p, o) -> {
            double r = w * Math.sqrt(s.sqrt());
            double a = 0.5 * s.atanXY() + (s.randomBit() ? Math.PI : 0);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // V14 bent: x doubled where negative, y halved where negative
        v.add("bent", (s, w, p, o) -> {
            double nx = s.tx < 0 ? 2 * s.tx : s.tx;
            double ny = s.ty < 0 ? s.ty / 2 : s.ty;
            s.px += w * nx;
            s.py += w * ny;
        });
        // V15 waves: (x + b sin(y / c^2), y + e sin(x / f^2)), reading the pre-affine coefficients
        v.add("waves", (s, w, p, o) -> {
            s.px += w * (s.tx + s.b * Math.sin(s.ty / (s.c * s.c + EPS)));
            s.py += w * (s.ty + s.e * Math.sin(s.tx / (s.f * s.f + EPS)));
        });
        // V16 fisheye: 2 / (r + 1) (y, x)
        v.add("fisheye", (s, w, p, o) -> {
            double r = 2 * w / (s.sqrt() + 1);
            s.px += r * s.ty;
            s.py += r * s.tx;
        });
        // V17 popcorn: (x + c sin(tan 3y), y + f sin(tan 3x))
        v.add("popcorn", (s, w, p, o) -> {
            s.px += w * (s.tx + s.c * Math.sin(Math.tan(3 * s.ty)));
            s.py += w * (s.ty + s.f * Math.sin(Math.tan(3 * s.tx)));
        });
        // V18 exponential: e^(x - 1) (cos(pi y), sin(pi y))
        v.add("exponential", (s, w, p, o) -> {
            double dx = w * Math.exp(s.tx - 1), dy = Math.PI * s.ty;
            s.px += dx * Math.cos(dy);
            s.py += dx * Math.sin(dy);
        });
        // V19 power: r^(sin theta) (cos theta, sin theta)
        v.add("power", (s, w, p, o) -> {
            double r0 = s.sqrt() + EPS, sina = s.tx / r0, cosa = s.ty / r0;
            double r = w * Math.pow(r0, sina);
            s.px += r * cosa;
            s.py += r * sina;
        });
        // V20 cosine: (cos(pi x) cosh y, -sin(pi x) sinh y)
        v.add("cosine", (s, w, p, o) -> {
            double a = s.tx * Math.PI;
            s.px += w * Math.cos(a) * FastMath.cosh(s.ty);
            s.py -= w * Math.sin(a) * FastMath.sinh(s.ty);
        });
        // V21 rings: ((r + c^2) mod 2c^2 - c^2 + r (1 - c^2)) (cos theta, sin theta)
        v.add("rings", (s, w, p, o) -> {
            double dx = s.c * s.c + EPS, r = s.sqrt();
            r = w * (FastMath.fmod(r + dx, 2 * dx) - dx + r * (1 - dx));
            double r0 = s.sqrt() + EPS;
            s.px += r * s.ty / r0;
            s.py += r * s.tx / r0;
        });
        // V22 fan: t = pi c^2; if (theta + f) mod t > t/2: r (cos(theta - t/2), sin(theta - t/2))
        //      else r (cos(theta + t/2), sin(theta + t/2))
        v.add("fan", (s, w, p, o) -> {
            double dx = Math.PI * (s.c * s.c + EPS), dx2 = dx / 2;
            double a = s.atanXY(), r = w * s.sqrt();
            a += FastMath.fmod(a + s.f, dx) > dx2 ? -dx2 : dx2;
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // V23 blob: r (low + (high - low)/2 (sin(waves theta) + 1)) (cos theta, sin theta)
        v.add("blob", params("blob_low", 0, "blob_high", 1, "blob_waves", 1), (s, w, p, o) -> {
            double r = s.sqrt(), a = s.atanXY();
            double low = p[o], high = p[o + 1];
            r *= low + (high - low) * (0.5 + 0.5 * Math.sin(p[o + 2] * a));
            s.px += w * Math.sin(a) * r;
            s.py += w * Math.cos(a) * r;
        });
        // V24 pdj: (sin(a y) - cos(b x), sin(c x) - cos(d y))
        v.add("pdj", params("pdj_a", 0, "pdj_b", 0, "pdj_c", 0, "pdj_d", 0), (s, w, p, o) -> {
            s.px += w * (Math.sin(p[o] * s.ty) - Math.cos(p[o + 1] * s.tx));
            s.py += w * (Math.sin(p[o + 2] * s.tx) - Math.cos(p[o + 3] * s.ty));
        });
        // V25 fan2: fan with its own parameters x and y
        v.add("fan2", params("fan2_x", 0, "fan2_y", 0), (s, w, p, o) -> {
            double dy = p[o + 1];
            double dx = Math.PI * (p[o] * p[o] + EPS), dx2 = 0.5 * dx;
            double a = s.atanXY(), r = w * s.sqrt();
            double t = a + dy - dx * (int) ((a + dy) / dx);
            a += t > dx2 ? -dx2 : dx2;
            s.px += r * Math.sin(a);
            s.py += r * Math.cos(a);
        });
        // V26 rings2: r - 2 val^2 trunc((r + val^2) / (2 val^2)) + r (1 - val^2), along theta
        v.add("rings2", params("rings2_val", 0), (s, w, p, o) -> {
            double r = s.sqrt(), dx = p[o] * p[o] + EPS;
            r += -2 * dx * (int) ((r + dx) / (2 * dx)) + r * (1 - dx);
            double a = s.atanXY();
            s.px += w * Math.sin(a) * r;
            s.py += w * Math.cos(a) * r;
        });
        // V27 eyefish: 2 / (r + 1) (x, y)
        v.add("eyefish", (s, w, p, o) -> {
            double r = 2 * w / (s.sqrt() + 1);
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // V28 bubble: 4 / (r^2 + 4) (x, y)
        v.add("bubble", (s, w, p, o) -> {
            double r = w / (0.25 * s.sumsq() + 1);
            s.px += r * s.tx;
            s.py += r * s.ty;
        });
        // V29 cylinder: (sin x, y)
        v.add("cylinder", (s, w, p, o) -> {
            s.px += w * Math.sin(s.tx);
            s.py += w * s.ty;
        });
        // V30 perspective: dist / (dist - y sin(angle pi/2)) (x, y cos(angle pi/2))
        v.add("perspective", params("perspective_angle", 0, "perspective_dist", 0), (s, w, p, o) -> {
            double ang = p[o] * Math.PI / 2, dist = p[o + 1];
            double t = 1.0 / (dist - s.ty * Math.sin(ang));
            s.px += w * dist * s.tx * t;
            s.py += w * dist * Math.cos(ang) * s.ty * t;
        });
        // V31 noise: (x, y) scaled by a random radius in a random direction
        v.add("noise", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI, r = w * s.random01();
            s.px += s.tx * r * Math.cos(a);
            s.py += s.ty * r * Math.sin(a);
        });
        // V32 julian: r^(dist/power) (cos t, sin t), t = (phi + 2 pi trunc(|power| rand)) / power
        v.add("julian", params("julian_power", 1, "julian_dist", 1), (s, w, p, o) -> {
            double power = p[o];
            int rnd = (int) Math.floor(Math.abs(power) * s.random01());
            double t = (s.atanYX() + 2 * Math.PI * rnd) / power;
            double r = w * Math.pow(s.sumsq(), p[o + 1] / power / 2);
            s.px += r * Math.cos(t);
            s.py += r * Math.sin(t);
        });
        // V33 juliascope: julian with alternating reflection of the angle
        v.add("juliascope", params("juliascope_power", 1, "juliascope_dist", 1), (s, w, p, o) -> {
            double power = p[o];
            int rnd = (int) Math.floor(Math.abs(power) * s.random01());
            double t = (rnd & 1) == 0 ? (2 * Math.PI * rnd + s.atanYX()) / power : (2 * Math.PI * rnd - s.atanYX()) / power;
            double r = w * Math.pow(s.sumsq(), p[o + 1] / power / 2);
            s.px += r * Math.cos(t);
            s.py += r * Math.sin(t);
        });
        // V34 blur: a uniform random point of the unit disc
        v.add("blur", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI, r = w * s.random01();
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
        // V35 gaussian_blur: an approximately Gaussian offset (sum of four uniforms)
        v.add("gaussian_blur", (s, w, p, o) -> {
            double a = s.random01() * 2 * Math.PI;
            double r = w * (s.random01() + s.random01() + s.random01() + s.random01() - 2);
            s.px += r * Math.cos(a);
            s.py += r * Math.sin(a);
        });
    }
}

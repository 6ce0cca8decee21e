package bloom.flame.variation;

/**
 * What a variation sees at one iteration of the chaos game: the point (x, y, z) after the
 * pre-affine map,
 * the coefficients of that map (some variations read them), an accumulator for the weighted sum
 * of variation outputs, and the thread's random stream. One instance per rendering thread;
 * never shared.
 *
 * <p>Angles follow flam3: {@link #atanXY()} is {@code atan2(tx, ty)} (the paper's theta) and
 * {@link #atanYX()} is {@code atan2(ty, tx)} (the paper's phi).
 */
public final class IterationState {

    /** Keeps divisions by a radius finite at the origin, as flam3 does. */
    public static final double EPS = 1e-10;

    /** Point after the pre-affine map; z passes the (2-D) affine map unchanged. */
    public double tx, ty, tz;
    /**
     * Sum of the weighted variation outputs. Only 3-D variations write {@code pz}: an xform whose
     * variations are all 2-D puts its points on the plane z = 0, as Ember does.
     */
    public double px, py, pz;
    /**
     * A colour coordinate in [0, 1] set by a direct-colour variation (JWildfire's {@code dc_}
     * family), which then replaces the xform's colour blend for this point; negative when none
     * sets it. The renderer resets it before each xform.
     */
    public double dc = -1;
    /** Pre-affine coefficients in the paper's naming: x' = a x + b y + c, y' = d x + e y + f. */
    public double a, b, c, d, e, f;

    private long seed;

    public IterationState(long seed) {
        this.seed = seed;
    }

    public void reseed(long seed) {
        this.seed = seed;
    }

    /** SplitMix64 (Steele, Lea and Flood 2014): 64 random bits per call, period 2^64. */
    public long nextLong() {
        long z = (seed += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double random01() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    public double random11() {
        return random01() * 2 - 1;
    }

    public boolean randomBit() {
        return nextLong() < 0;
    }

    // Cached functions of (tx, ty): computed at most once per iteration, as flam3's precalc.
    private double cSumsq, cSqrt, cAtanXY, cAtanYX;
    private int cached;
    private static final int SUMSQ = 1, SQRT = 2, ATAN_XY = 4, ATAN_YX = 8;

    /** Declares (tx, ty) new: the renderer calls it after the affine map, a pre-variation after moving the point. */
    public void moved() {
        cached = 0;
    }

    public double sumsq() {
        if ((cached & SUMSQ) == 0) {
            cSumsq = tx * tx + ty * ty;
            cached |= SUMSQ;
        }
        return cSumsq;
    }

    public double sqrt() {
        if ((cached & SQRT) == 0) {
            cSqrt = Math.sqrt(sumsq());
            cached |= SQRT;
        }
        return cSqrt;
    }

    /** theta = atan2(x, y). */
    public double atanXY() {
        if ((cached & ATAN_XY) == 0) {
            cAtanXY = FastMath.atan2(tx, ty);
            cached |= ATAN_XY;
        }
        return cAtanXY;
    }

    /** phi = atan2(y, x). */
    public double atanYX() {
        if ((cached & ATAN_YX) == 0) {
            cAtanYX = FastMath.atan2(ty, tx);
            cached |= ATAN_YX;
        }
        return cAtanYX;
    }
}

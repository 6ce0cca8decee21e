// Bloom's chaos game on the GPU: the fractal-flame algorithm of Draves and Reckase.
//
// One generic kernel covers every variation of the registry: the genome arrives as flat arrays
// (the CPU renderer's CompiledGenome) and the variation formulas are generated from the
// registry's Java source into variations.cuh, so a genome that changes every frame needs no
// recompilation and the GPU cannot lack a variation the CPU has.
//
// Organisation:
//  - points persist across launches (x, y, z, colour, previous xform, fuse countdown per thread),
//    so a render is many short launches and the host can report progress between them;
//  - every thread has its own SplitMix64 stream, seeded from the render seed and its index;
//  - without xaos, the 32 threads of a warp share one xform choice (drawn by lane 0 and
//    broadcast with a shuffle), so the variation switch never diverges within a warp; to keep
//    the points' histories independent, the block permutes its points through shared memory
//    after every iteration (an odd stride and an offset modulo the block size, fresh each time);
//  - the histogram is 64-bit fixed point (16 fractional bits) updated with integer atomics:
//    exact and order-independent, so hot pixels do not lose hits to float rounding.
//
// Doubles throughout, as on the CPU: the renders of both backends agree as two CPU renders do.

#include <cfloat>
#include <cstdint>

#define BLOCK 256
// Blocks per multiprocessor the compiler must make room for: 1 lets it keep every variable in
// registers (about 250), 2 caps it at 128 and spills the rest; the build makes both kernels and
// the GPU benchmark says which is faster.
#ifndef MIN_BLOCKS
#define MIN_BLOCKS 1
#endif
#define SELECTION_SIZE 16384
#define FIXED_ONE 65536.0

// Java's Math, with Java's semantics where they differ from C's.
struct JMath {
    static constexpr double PI = 3.14159265358979323846;
    static constexpr double E = 2.7182818284590452354;
    __device__ static double sin(double x) { return ::sin(x); }
    __device__ static double cos(double x) { return ::cos(x); }
    __device__ static double tan(double x) { return ::tan(x); }
    __device__ static double asin(double x) { return ::asin(x); }
    __device__ static double acos(double x) { return ::acos(x); }
    __device__ static double atan(double x) { return ::atan(x); }
    __device__ static double atan2(double y, double x) { return ::atan2(y, x); }
    __device__ static double sinh(double x) { return ::sinh(x); }
    __device__ static double cosh(double x) { return ::cosh(x); }
    __device__ static double tanh(double x) { return ::tanh(x); }
    __device__ static double sqrt(double x) { return ::sqrt(x); }
    __device__ static double cbrt(double x) { return ::cbrt(x); }
    __device__ static double exp(double x) { return ::exp(x); }
    __device__ static double log(double x) { return ::log(x); }
    __device__ static double log10(double x) { return ::log10(x); }
    __device__ static double pow(double x, double y) { return ::pow(x, y); }
    __device__ static double hypot(double x, double y) { return ::hypot(x, y); }
    __device__ static double floor(double x) { return ::floor(x); }
    __device__ static double ceil(double x) { return ::ceil(x); }
    __device__ static double rint(double x) { return ::rint(x); }
    __device__ static double signum(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }
    __device__ static double copySign(double m, double s) { return ::copysign(m, s); }
    __device__ static double toRadians(double d) { return d / 180.0 * PI; }
    __device__ static double abs(double x) { return ::fabs(x); }
    __device__ static int abs(int x) { return x < 0 ? -x : x; }
    __device__ static long long abs(long long x) { return x < 0 ? -x : x; }
    // Java: NaN if either is NaN
    __device__ static double min(double a, double b) { return a != a ? a : (a <= b ? a : b); }
    __device__ static double max(double a, double b) { return a != a ? a : (a >= b ? a : b); }
    __device__ static int min(int a, int b) { return a < b ? a : b; }
    __device__ static int max(int a, int b) { return a > b ? a : b; }
    __device__ static double min(double a, int b) { return min(a, (double) b); }
    __device__ static double max(double a, int b) { return max(a, (double) b); }
    __device__ static double min(int a, double b) { return min((double) a, b); }
    __device__ static double max(int a, double b) { return max((double) a, b); }
    // Java: floor(x + 1/2), NaN to 0, saturating
    __device__ static long long round(double x) {
        return x != x ? 0 : (long long) ::floor(x + 0.5);
    }
    __device__ static bool isFinite(double x) { return ::isfinite(x); }
};

constexpr double EPS = 1e-10;

// What a variation sees at one iteration (the CPU's IterationState).
struct State {
    double tx, ty, tz;
    double px, py, pz;
    double dc; // a direct colour set by a variation (JWildfire's dc_ family); negative when none
    double a, b, c, d, e, f;
    unsigned long long seed;
    double cSumsq, cSqrt, cAtanXY, cAtanYX;
    int cached;

    __device__ long long nextLong() {
        unsigned long long z = (seed += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return (long long) (z ^ (z >> 31));
    }
    __device__ double random01() { return (double) ((unsigned long long) nextLong() >> 11) * 0x1.0p-53; }
    __device__ double random11() { return random01() * 2 - 1; }
    __device__ bool randomBit() { return nextLong() < 0; }
    __device__ void moved() { cached = 0; }
    __device__ double sumsq() {
        if (!(cached & 1)) { cSumsq = tx * tx + ty * ty; cached |= 1; }
        return cSumsq;
    }
    __device__ double sqrt() {
        if (!(cached & 2)) { cSqrt = ::sqrt(sumsq()); cached |= 2; }
        return cSqrt;
    }
    __device__ double atanXY() {
        if (!(cached & 4)) { cAtanXY = ::atan2(tx, ty); cached |= 4; }
        return cAtanXY;
    }
    __device__ double atanYX() {
        if (!(cached & 8)) { cAtanYX = ::atan2(ty, tx); cached |= 8; }
        return cAtanYX;
    }
};

// Two doubles returned by value where the Java source returns a double[2].
struct D2 {
    double v[2];
    __device__ double operator[](int i) const { return v[i]; }
};

// FastMath and Voronoi, the helpers the variations call, are generated into variations.cuh from
// their Java source with the variations themselves.
#include "variations.cuh"

// Per-xform layout of the xf array (XF doubles each): pre a..f, post a..f, hasPost,
// colour blend (colour * speed), colour keep (1 - speed), opacity.
#define XF 16
// The view array: cx, cy, cos, sin, cellsPerUnit, offX, offY, hw, hh, view3d, cosYaw, sinYaw,
// cosPitch, sinPitch, persp, zpos, dofBlur.
#define VIEW 17

// A point: position and colour index (double4 is deprecated in CUDA 13 for its alignment).
struct __align__(16) Point {
    double x, y, z, c;
};

struct Genome {
    const double* xf;
    const int* termStart;
    const int* termVar;
    const double* termWeight;
    const int* termParamOffset;
    const double* params;
};

__device__ static bool bad(double v) { return !(v > -1e10 && v < 1e10); }

// Applies xform fn to (x, y, z, c), leaving the result in (x, y, z, c).
__device__ static void applyXform(const Genome& g, State& st, int fn, double& x, double& y, double& z, double& c) {
    const double* t = g.xf + fn * XF;
    st.a = t[0]; st.b = t[1]; st.c = t[2]; st.d = t[3]; st.e = t[4]; st.f = t[5];
    st.tx = st.a * x + st.b * y + st.c;
    st.ty = st.d * x + st.e * y + st.f;
    st.tz = z;
    st.moved();
    st.px = 0; st.py = 0; st.pz = 0;
    st.dc = -1;
    for (int k = g.termStart[fn], end = g.termStart[fn + 1]; k < end; k++) {
        applyVariation(g.termVar[k], st, g.termWeight[k], g.params, g.termParamOffset[k]);
    }
    double nx = st.px, ny = st.py;
    if (t[12] != 0) {
        x = t[6] * nx + t[7] * ny + t[8];
        y = t[9] * nx + t[10] * ny + t[11];
    } else {
        x = nx;
        y = ny;
    }
    z = st.pz;
    c = st.dc >= 0 ? st.dc : t[13] + t[14] * c;
}

__device__ static void plot(unsigned long long* hist, int cell, double colour, double op,
                            const float* palette, int linear) {
    float r, g, b;
    if (linear) {
        double pos = fmin(255.0, fmax(0.0, colour * 256.0)); // as flam3: entry i at colour i/256
        int i0 = (int) pos;
        int i1 = min(255, i0 + 1);
        float f = (float) (pos - i0);
        r = palette[3 * i0] + f * (palette[3 * i1] - palette[3 * i0]);
        g = palette[3 * i0 + 1] + f * (palette[3 * i1 + 1] - palette[3 * i0 + 1]);
        b = palette[3 * i0 + 2] + f * (palette[3 * i1 + 2] - palette[3 * i0 + 2]);
    } else {
        int idx = (int) (colour * 256.0);
        idx = idx < 0 ? 0 : min(idx, 255);
        r = palette[3 * idx];
        g = palette[3 * idx + 1];
        b = palette[3 * idx + 2];
    }
    unsigned long long* h = hist + 4 * (long long) cell;
    atomicAdd(h, (unsigned long long) (r * op * FIXED_ONE + 0.5));
    atomicAdd(h + 1, (unsigned long long) (g * op * FIXED_ONE + 0.5));
    atomicAdd(h + 2, (unsigned long long) (b * op * FIXED_ONE + 0.5));
    atomicAdd(h + 3, (unsigned long long) (op * FIXED_ONE + 0.5));
}

__device__ static unsigned long long mix(unsigned long long seed, unsigned long long index) {
    unsigned long long z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Seeds every thread's stream and gives it a random starting point that must fuse before it plots.
extern "C" __global__ void seedPoints(Point* points, int* pointState, unsigned long long* rng,
                                      unsigned long long seed, int count, int fuse) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= count) return;
    State st;
    st.seed = mix(seed, (unsigned long long) i);
    double x = st.random11(), y = st.random11(), c = st.random01();
    points[i] = Point{x, y, 0, c};
    pointState[i] = fuse << 16; // fuse countdown in the high half, previous xform in the low
    rng[i] = st.seed;
}

// Runs `iterations` steps of every thread's point; threads at or beyond `active` iterate (they
// take part in the block's shuffles) but do not plot, so a render plots exactly its count.
extern "C" __global__ void __launch_bounds__(BLOCK, MIN_BLOCKS) iterate(const double* xf, const int* termStart, const int* termVar,
                                   const double* termWeight, const int* termParamOffset, const double* params,
                                   const unsigned short* selection, const float* palette, const double* view,
                                   int xformCount, int hasFinal, int xaos, int linearPalette, int fuse,
                                   Point* points, int* pointState, unsigned long long* rng,
                                   unsigned long long* hist, int iterations, long long active) {
    __shared__ Point shuffleP[BLOCK];
    __shared__ int shuffleS[BLOCK];
    __shared__ unsigned int perm[2];

    Genome g = {xf, termStart, termVar, termWeight, termParamOffset, params};
    const int tid = threadIdx.x;
    const long long gid = (long long) blockIdx.x * blockDim.x + tid;
    const int lane = tid & 31;
    const bool plots = gid < active;

    const double cx = view[0], cy = view[1], cs = view[2], sn = view[3], cellsPerUnit = view[4];
    const double offX = view[5], offY = view[6];
    const int hw = (int) view[7], hh = (int) view[8];
    const bool view3d = view[9] != 0;
    const double cosYaw = view[10], sinYaw = view[11], cosPitch = view[12], sinPitch = view[13];
    const double persp = view[14], zpos = view[15], dofBlur = view[16];

    State st;
    st.seed = rng[gid];
    Point pt = points[gid];
    int ps = pointState[gid];
    double x = pt.x, y = pt.y, z = pt.z, c = pt.c;

    for (int it = 0; it < iterations; it++) {
        int prev = ps & 0xFFFF;
        int fuseLeft = ps >> 16;
        int fn;
        if (xaos) {
            fn = selection[prev * SELECTION_SIZE + (int) ((unsigned long long) st.nextLong() >> 50)];
        } else {
            int mine = lane == 0 ? selection[(int) ((unsigned long long) st.nextLong() >> 50)] : 0;
            fn = __shfl_sync(0xffffffffu, mine, 0);
        }
        applyXform(g, st, fn, x, y, z, c);
        bool ok = !(bad(x) || bad(y) || bad(z));
        if (!ok) {
            // as the CPU: restart at random (the colour blend stays), not plotted
            x = st.random11();
            y = st.random11();
            z = 0;
        } else {
            prev = fn;
            if (fuseLeft > 0) {
                fuseLeft--;
            } else if (plots) {
                double op = xf[fn * XF + 15];
                double qx = x, qy = y, qz = z, qc = c;
                bool visible = op > 0;
                if (visible && hasFinal) {
                    applyXform(g, st, xformCount, qx, qy, qz, qc);
                    visible = !(bad(qx) || bad(qy) || bad(qz));
                }
                if (visible && view3d) {
                    double z0 = qz - zpos;
                    double x1 = cosYaw * qx - sinYaw * qy;
                    double y1 = sinYaw * qx + cosYaw * qy;
                    double y2 = cosPitch * y1 - sinPitch * z0;
                    double z2 = sinPitch * y1 + cosPitch * z0;
                    double zr = 1 - persp * z2;
                    visible = zr > 1e-6;
                    if (visible && dofBlur != 0) {
                        double a = st.random01() * 2 * JMath::PI;
                        double r = st.random01() * dofBlur * z2;
                        x1 += r * ::cos(a);
                        y2 += r * ::sin(a);
                    }
                    qx = x1 / zr;
                    qy = y2 / zr;
                }
                if (visible) {
                    double dx = qx - cx, dy = qy - cy;
                    double u = (cs * dx - sn * dy) * cellsPerUnit + offX;
                    double v = (sn * dx + cs * dy) * cellsPerUnit + offY;
                    if (u >= 0 && v >= 0 && u < hw && v < hh) {
                        plot(hist, ((int) v) * hw + (int) u, qc, op, palette, linearPalette);
                    }
                }
            }
        }
        ps = (fuseLeft << 16) | prev;
        if (!xaos) {
            // decorrelate: a fresh permutation of the block's points after every iteration
            if (tid == 0) {
                unsigned long long r = (unsigned long long) st.nextLong();
                perm[0] = (unsigned int) (r >> 32) | 1u;
                perm[1] = (unsigned int) r;
            }
            __syncthreads();
            int to = (int) ((tid * perm[0] + perm[1]) & (BLOCK - 1));
            shuffleP[to] = Point{x, y, z, c};
            shuffleS[to] = ps;
            __syncthreads();
            Point q = shuffleP[tid];
            x = q.x; y = q.y; z = q.z; c = q.c;
            ps = shuffleS[tid];
            __syncthreads();
        }
    }
    points[gid] = Point{x, y, z, c};
    pointState[gid] = ps;
    rng[gid] = st.seed;
}

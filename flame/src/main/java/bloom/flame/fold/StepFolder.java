package bloom.flame.fold;

import bloom.flame.genome.Affine;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Xform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Adds optimizer steps to a base genome, one step per frame, as the original Bloom added each
 * update to the xforms' coefficients. Only xforms marked {@code animate} move, so a genome's
 * symmetry xforms keep its symmetry.
 *
 * <p>For step t with sketch s (k numbers) and size ratio r ({@link StepScale}: against the run's first
 * steps and the steps around it):
 * <pre>
 *   direction  u = s / ||s||                               (unit, k-dimensional)
 *   amplitude  m = gain * g(r),  g(r) = r for r <= 2, 2 + 4 ln(r / 2) above
 *   offset     D_t = memory^g(r) * D_(t-1) + m * M u       (M: fixed seeded Gaussian, P x k)
 *   genome     coefficient_i = base_i + bound_i * tri(D_t,i / bound_i)
 * </pre>
 * where tri is the triangle wave of slope 1 or -1 between -1 and 1 (tri(x) = x near 0): an
 * offset that reaches its bound reflects off it, as a ball off a wall. A typical step moves
 * each coefficient by about {@code gain}; a step a hundred times larger moves it about nine
 * times further, dramatic but bounded. Because tri has slope 1 everywhere but at the turns,
 * consecutive frames differ by exactly the latest step (less the memory's pull back to the
 * base) wherever the genome wandered: frame-to-frame change follows the size of the optimizer
 * step. The pull back is scaled by the step too ({@code memory} per typical step, none for a
 * step that moves nothing), so a run of tiny steps is not drawn as the genome gliding home. (A saturating map such as tanh would freeze a genome that drifted far, and the size of
 * a step there would no longer show.) A step
 * whose sketch or size is not finite moves nothing (the frame repeats) and is reported by the
 * caller, not drawn as garbage.
 */
public final class StepFolder {

    private final Genome base;
    private final FoldSettings settings;
    private final int dims;
    private final double[] baseValues;
    private final double[] bounds;
    private final double[][] mapping; // [parameter][sketch dim]
    private final double[] offset;
    /** A genome with no animated xform is moved everywhere rather than not at all. */
    private final boolean moveAll;

    public StepFolder(Genome base, int sketchDims, FoldSettings settings) {
        if (sketchDims < 1) {
            throw new IllegalArgumentException("Invalid sketch dimension: " + sketchDims);
        }
        this.base = base;
        this.settings = settings;
        this.dims = sketchDims;
        this.moveAll = base.xforms().stream().noneMatch(Xform::animate);
        List<Double> values = new ArrayList<>();
        List<Double> bnds = new ArrayList<>();
        for (Xform x : base.xforms()) {
            if (!x.animate() && !moveAll) {
                continue; // symmetry and other fixed xforms keep their shape
            }
            double[] c = x.pre().toArray(); // xx xy yx yy ox oy
            for (int i = 0; i < 6; i++) {
                values.add(c[i]);
                bnds.add(i < 4 ? settings.linearBound() : settings.shiftBound());
            }
            if (settings.colour()) {
                values.add(x.colour());
                bnds.add(0.5);
            }
            if (settings.opacity()) {
                values.add(x.opacity());
                bnds.add(0.5);
            }
        }
        int p = values.size();
        baseValues = new double[p];
        bounds = new double[p];
        for (int i = 0; i < p; i++) {
            baseValues[i] = values.get(i);
            bounds[i] = bnds.get(i);
        }
        SplittableRandom rng = new SplittableRandom(settings.seed());
        mapping = new double[p][dims];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < dims; j++) {
                mapping[i][j] = gaussian(rng);
            }
        }
        offset = new double[p];
    }

    /** Number of genome values the steps move. */
    public int parameters() {
        return baseValues.length;
    }

    /**
     * Folds in one step and returns the genome of its frame.
     *
     * @param sketch the step's sketch (k values)
     * @param ratio  the step's size relative to a typical step (1 = typical)
     */
    public Genome fold(float[] sketch, double ratio) {
        if (sketch.length != dims) {
            throw new IllegalArgumentException("Sketch has " + sketch.length + " dimensions, expected " + dims);
        }
        double norm = 0;
        for (float v : sketch) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (Double.isFinite(norm) && norm > 0 && Double.isFinite(ratio) && ratio > 0) {
            double g = amplitude(ratio);
            double keep = Math.pow(settings.memory(), g);
            for (int i = 0; i < offset.length; i++) {
                offset[i] *= keep;
            }
            double m = settings.gain() * g / norm;
            for (int i = 0; i < offset.length; i++) {
                double[] row = mapping[i];
                double d = 0;
                for (int j = 0; j < dims; j++) {
                    d += row[j] * sketch[j];
                }
                offset[i] += m * d;
            }
        }
        return current();
    }

    /** The offsets accumulated so far, a copy: with {@link #restore} a planner can go back to any frame. */
    public double[] state() {
        return offset.clone();
    }

    /** Sets the accumulated offsets to a {@link #state} taken earlier. */
    public void restore(double[] state) {
        if (state.length != offset.length) {
            throw new IllegalArgumentException("State of " + state.length + " offsets, expected " + offset.length);
        }
        System.arraycopy(state, 0, offset, 0, offset.length);
    }

    /** The genome for the offsets accumulated so far. */
    public Genome current() {
        List<Xform> out = new ArrayList<>(base.xforms().size());
        int k = 0;
        for (Xform x : base.xforms()) {
            if (!x.animate() && !moveAll) {
                out.add(x);
                continue;
            }
            double[] c = new double[6];
            for (int i = 0; i < 6; i++, k++) {
                c[i] = moved(k);
            }
            Xform y = x.withPre(Affine.of(c));
            if (settings.colour()) {
                double col = moved(k++);
                y = y.withColour(col - Math.floor(col));
            }
            if (settings.opacity()) {
                y = y.withOpacity(Math.min(1, Math.max(0.05, moved(k++))));
            }
            out.add(y);
        }
        return base.withXforms(out);
    }

    /** g(r): linear up to twice a typical step, logarithmic beyond. */
    static double amplitude(double ratio) {
        return ratio <= 2 ? ratio : 2 + 4 * Math.log(ratio / 2);
    }

    private double moved(int i) {
        return baseValues[i] + bounds[i] * triangle(offset[i] / bounds[i]);
    }

    /** The triangle wave of period 4: x on [-1, 1], reflected beyond; 1-Lipschitz and bounded by 1. */
    static double triangle(double x) {
        double p = x + 1 - 4 * Math.floor((x + 1) / 4); // phase in [0, 4)
        return p <= 2 ? p - 1 : 3 - p;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}

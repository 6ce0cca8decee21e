package bloom.flame.render;

import bloom.flame.genome.Affine;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Palette;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.variation.Variation;

import java.util.ArrayList;
import java.util.List;

/**
 * A genome flattened for the hot loop: per-xform arrays of affine coefficients, colour and
 * opacity, the variation terms of all xforms in one run of arrays, and a table that turns 14
 * random bits into an xform index with the xforms' (xaos-adjusted) weights. The final xform, if
 * any, is stored at index {@link #xformCount()}. Immutable; arrays handed out are copies.
 *
 * <p>Affine layout per xform, six doubles in the paper's naming {@code a b c d e f}:
 * {@code x' = a x + b y + c}, {@code y' = d x + e y + f}.
 */
public final class CompiledGenome {

    /** Entries of one xform-selection row; a power of two so 14 random bits index it. */
    public static final int SELECTION_SIZE = 1 << 14;

    private final Genome genome;
    private final int xformCount;
    private final boolean hasFinal;
    private final double[] pre;
    private final double[] post;
    private final boolean[] hasPost;
    private final double[] colourBlend; // colour * speed
    private final double[] colourKeep;  // 1 - speed
    private final double[] opacity;
    private final int[] termStart;
    private final Variation[] termVariation;
    private final double[] termWeight;
    private final int[] termParamOffset;
    private final double[] params;
    private final short[] selection;
    private final int selectionRows;
    private final float[] palette;

    private CompiledGenome(Genome g) {
        this.genome = g;
        List<Xform> all = new ArrayList<>(g.xforms());
        g.finalXform().ifPresent(all::add);
        xformCount = g.xforms().size();
        hasFinal = g.finalXform().isPresent();
        int n = all.size();
        pre = new double[6 * n];
        post = new double[6 * n];
        hasPost = new boolean[n];
        colourBlend = new double[n];
        colourKeep = new double[n];
        opacity = new double[n];
        termStart = new int[n + 1];
        int terms = 0;
        int paramCount = 0;
        for (Xform x : all) {
            terms += x.variations().size();
            for (VariationTerm t : x.variations()) {
                paramCount += t.variation().parameters().size();
            }
        }
        termVariation = new Variation[terms];
        termWeight = new double[terms];
        termParamOffset = new int[terms];
        params = new double[paramCount];
        int k = 0;
        int p = 0;
        for (int i = 0; i < n; i++) {
            Xform x = all.get(i);
            String which = i < xformCount ? "xform " + (i + 1) : "final xform";
            if (!x.pre().isFinite() || !x.post().isFinite()) {
                throw new IllegalArgumentException(which + " has a non-finite affine coefficient");
            }
            putAffine(pre, i, x.pre());
            putAffine(post, i, x.post());
            hasPost[i] = !x.post().isIdentity();
            double speed = x.colourSpeed();
            colourBlend[i] = x.colour() * speed;
            colourKeep[i] = 1 - speed;
            opacity[i] = adjustOpacity(x.opacity());
            termStart[i] = k;
            // pre-variations move the input point, so they run before the others see it; post-variations
            // change the sum, so they run after
            List<VariationTerm> ordered = new ArrayList<>(x.variations());
            ordered.sort(java.util.Comparator.comparing((VariationTerm t) -> t.variation().stage()));
            for (VariationTerm t : ordered) {
                if (!Double.isFinite(t.weight())) {
                    throw new IllegalArgumentException(which + ": variation " + t.variation().name() + " has a non-finite weight");
                }
                termVariation[k] = t.variation();
                termWeight[k] = t.weight();
                termParamOffset[k] = p;
                for (double v : t.parameters()) {
                    params[p++] = v;
                }
                k++;
            }
        }
        termStart[n] = k;
        boolean anyXaos = g.xforms().stream().anyMatch(x -> x.xaos().length > 0);
        selectionRows = anyXaos ? xformCount : 1;
        selection = new short[selectionRows * SELECTION_SIZE];
        double[] base = new double[xformCount];
        for (int i = 0; i < xformCount; i++) {
            double w = g.xforms().get(i).weight();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("xform " + (i + 1) + " has an invalid weight: " + w);
            }
            base[i] = w;
        }
        fillRow(0, base, base);
        if (anyXaos) {
            for (int row = 0; row < xformCount; row++) {
                Xform from = g.xforms().get(row);
                double[] w = new double[xformCount];
                for (int j = 0; j < xformCount; j++) {
                    w[j] = base[j] * Math.max(0, from.xaosTo(j));
                }
                fillRow(row, w, base);
            }
        }
        palette = g.palette().toArray();
    }

    public static CompiledGenome compile(Genome genome) {
        return new CompiledGenome(genome);
    }

    private void fillRow(int row, double[] weights, double[] fallback) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (!(total > 0)) {
            if (weights == fallback) {
                throw new IllegalArgumentException("every xform has weight 0");
            }
            weights = fallback; // xaos forbade every successor: behave as if it were absent
            for (double w : weights) {
                total += w;
            }
        }
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        int j = 0;
        for (int e = 0; e < SELECTION_SIZE; e++) {
            double t = (e + 0.5) / SELECTION_SIZE * total;
            while (j < weights.length - 1 && (cumulative[j] < t || weights[j] == 0)) {
                j++;
            }
            selection[row * SELECTION_SIZE + e] = (short) j;
        }
    }

    private static void putAffine(double[] dst, int i, Affine m) {
        dst[6 * i] = m.xx();
        dst[6 * i + 1] = m.yx();
        dst[6 * i + 2] = m.ox();
        dst[6 * i + 3] = m.xy();
        dst[6 * i + 4] = m.yy();
        dst[6 * i + 5] = m.oy();
    }

    /**
     * flam3's perceptual opacity: 10^(log2 opacity), i.e. opacity^3.32, so that 0.5 looks half
     * as bright rather than barely dimmer.
     */
    static double adjustOpacity(double opacity) {
        if (opacity <= 0) {
            return 0;
        }
        return Math.pow(10.0, -Math.log(1.0 / Math.min(opacity, 1.0)) / Math.log(2));
    }

    public Genome genome() {
        return genome;
    }

    public int xformCount() {
        return xformCount;
    }

    public boolean hasFinal() {
        return hasFinal;
    }

    public boolean hasXaos() {
        return selectionRows > 1;
    }

    public double[] pre() {
        return pre.clone();
    }

    public double[] post() {
        return post.clone();
    }

    public boolean[] hasPost() {
        return hasPost.clone();
    }

    public double[] colourBlend() {
        return colourBlend.clone();
    }

    public double[] colourKeep() {
        return colourKeep.clone();
    }

    public double[] opacity() {
        return opacity.clone();
    }

    public int[] termStart() {
        return termStart.clone();
    }

    public Variation[] termVariation() {
        return termVariation.clone();
    }

    public double[] termWeight() {
        return termWeight.clone();
    }

    public int[] termParamOffset() {
        return termParamOffset.clone();
    }

    public double[] params() {
        return params.clone();
    }

    /** {@code rows * SELECTION_SIZE} xform indices; row r is used after xform r when xaos is on. */
    public short[] selection() {
        return selection.clone();
    }

    public float[] palette() {
        return palette.clone();
    }

    public boolean linearPalette() {
        return genome.linearPalette();
    }

    static int paletteSize() {
        return Palette.SIZE;
    }
}

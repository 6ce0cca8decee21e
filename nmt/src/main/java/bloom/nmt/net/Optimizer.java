package bloom.nmt.net;

/**
 * Plain SGD or Adam over the translator's flat parameters, with the gradient of each layer
 * rescaled to at most {@code clipNorm} in L2 norm first (DL4J's {@code ClipL2PerLayer}).
 *
 * <p>{@link #step} works in place, as DL4J's updaters do: the gradient array becomes the update
 * that was subtracted from the parameters, so a hook reads what actually happened.
 */
public final class Optimizer {

    public enum Kind { SGD, ADAM }

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final Kind kind;
    private final double clipNorm;
    private final float[] m;
    private final float[] v;
    private long t;

    /** @param clipNorm per-layer gradient norm bound; 0 for none */
    public Optimizer(Kind kind, double clipNorm, int parameters) {
        this.kind = kind;
        this.clipNorm = clipNorm;
        this.m = kind == Kind.ADAM ? new float[parameters] : null;
        this.v = kind == Kind.ADAM ? new float[parameters] : null;
    }

    public Kind kind() {
        return kind;
    }

    /** Steps taken, which Adam's bias correction counts. */
    public long steps() {
        return t;
    }

    /** Adam's first and second moments (null for SGD), live. */
    public float[] firstMoment() {
        return m;
    }

    public float[] secondMoment() {
        return v;
    }

    /** Restores the step count of a saved optimizer (its moments are written into the live arrays). */
    public void restoreSteps(long steps) {
        this.t = steps;
    }

    /** Clips, turns {@code net.gradient()} into the update and subtracts it from {@code net.params()}. */
    public void step(Translator net, double learningRate) {
        float[] p = net.params();
        float[] g = net.gradient();
        if (clipNorm > 0) {
            for (Translator.Layer l : net.layers()) {
                double norm = Math.sqrt(Vec.sumSquares(g, l.offset(), l.length()));
                if (norm > clipNorm) {
                    Vec.scale(g, l.offset(), l.length(), (float) (clipNorm / norm));
                }
            }
        }
        t++;
        if (kind == Kind.SGD) {
            float lr = (float) learningRate;
            for (int i = 0; i < p.length; i++) {
                float u = lr * g[i];
                g[i] = u;
                p[i] -= u;
            }
            return;
        }
        double alpha = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float u = (float) (alpha * mi / (Math.sqrt(vi) + EPSILON));
            g[i] = u;
            p[i] -= u;
        }
    }
}

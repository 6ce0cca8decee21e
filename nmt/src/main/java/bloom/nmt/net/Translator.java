package bloom.nmt.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sequence-to-sequence translator, forward and backward, on plain float arrays.
 *
 * <p>The network (the maths of the DL4J graph it replaces, checked against it in the tests):
 * <pre>
 *   encoder   source embeddings [Vs][E] -> biLSTM(E -> 2H) -> biLSTM(2H -> 2H) = enc
 *   context   tanh([enc at the last real step ; masked mean of enc] · Wc + bc)         [4H -> H]
 *   decoder   [target embedding [Vt][E] ; context] -> LSTM(E+H -> H) = d1
 *             attention: q = d1·Wq, k = enc·Wk, v = enc·Wv, softmax(q·kᵀ/√H, source mask)·v ·Wo
 *             [d1 ; attention] -> LSTM(2H -> H) -> softmax(· Wout + bout) over Vt
 *   loss      cross-entropy of the next target token, summed over real steps, mean over the batch
 * </pre>
 * Every parameter lives in one flat array ({@link #params()}), and the gradient in another of the
 * same layout ({@link #gradient()}), grouped by layer ({@link #layers()}) for per-layer clipping
 * and for the training hook, which sketches the flat update.
 *
 * <p>Not thread-safe: one training thread owns a translator.
 */
public final class Translator {

    /** Sizes of the network. */
    public record Shape(int sourceVocabulary, int targetVocabulary, int embedding, int hidden) {
        public Shape {
            if (sourceVocabulary < 1 || targetVocabulary < 1 || embedding < 1 || hidden < 1) {
                throw new IllegalArgumentException("Invalid translator shape: " + sourceVocabulary + " source tokens, "
                        + targetVocabulary + " target tokens, embedding " + embedding + ", hidden " + hidden);
            }
        }
    }

    /** A named range of the flat parameter array: one layer, clipped as one. */
    public record Layer(String name, int offset, int length) {}

    private final Shape shape;
    private final int e;
    private final int hd;
    private final int vt;
    private final float[] p;
    private final float[] g;
    private final List<Layer> layers = new ArrayList<>();

    private final int srcEmb;
    private final Lstm enc1f;
    private final Lstm enc1b;
    private final Lstm enc2f;
    private final Lstm enc2b;
    private final int ctxW;
    private final int ctxB;
    private final int tgtEmb;
    private final Lstm dec1;
    private final int wq;
    private final int wk;
    private final int wv;
    private final int wo;
    private final Lstm dec2;
    private final int outW;
    private final int outB;

    private Translator(Shape shape) {
        this.shape = shape;
        this.e = shape.embedding();
        this.hd = shape.hidden();
        this.vt = shape.targetVocabulary();
        int at = 0;
        srcEmb = at;
        at = layer("srcEmb", at, shape.sourceVocabulary() * e);
        enc1f = new Lstm(e, hd, at);
        enc1b = new Lstm(e, hd, enc1f.end());
        at = layer("enc1", at, enc1b.end() - at);
        enc2f = new Lstm(2 * hd, hd, at);
        enc2b = new Lstm(2 * hd, hd, enc2f.end());
        at = layer("enc2", at, enc2b.end() - at);
        ctxW = at;
        ctxB = ctxW + 4 * hd * hd;
        at = layer("context", at, 4 * hd * hd + hd);
        tgtEmb = at;
        at = layer("tgtEmb", at, vt * e);
        dec1 = new Lstm(e + hd, hd, at);
        at = layer("dec1", at, dec1.size());
        wq = at;
        wk = wq + hd * hd;
        wv = wk + 2 * hd * hd;
        wo = wv + 2 * hd * hd;
        at = layer("attention", at, 6 * hd * hd);
        dec2 = new Lstm(2 * hd, hd, at);
        at = layer("dec2", at, dec2.size());
        outW = at;
        outB = outW + hd * vt;
        at = layer("out", at, hd * vt + vt);
        p = new float[at];
        g = new float[at];
    }

    private int layer(String name, int offset, int length) {
        layers.add(new Layer(name, offset, length));
        return offset + length;
    }

    /**
     * A translator with Xavier-initialised weights (normal, variance 2/(fan-in + fan-out)), zero
     * biases and LSTM forget-gate biases of 1, as DL4J initialises the same layers.
     */
    public static Translator create(Shape shape, long seed) {
        Translator t = new Translator(shape);
        SplittableRandom rng = new SplittableRandom(seed);
        int vs = shape.sourceVocabulary();
        t.xavier(rng, t.srcEmb, vs, t.e, vs, t.e);
        for (Lstm l : new Lstm[] {t.enc1f, t.enc1b, t.enc2f, t.enc2b, t.dec1, t.dec2}) {
            t.xavier(rng, l.w, l.nIn, 4 * l.h, l.nIn, 4 * l.h);
            t.xavier(rng, l.rw, l.h, 4 * l.h, l.h, 4 * l.h);
            Arrays.fill(t.p, l.b + l.h, l.b + 2 * l.h, 1f);
        }
        t.xavier(rng, t.ctxW, 4 * t.hd, t.hd, 4 * t.hd, t.hd);
        t.xavier(rng, t.tgtEmb, t.vt, t.e, t.vt, t.e);
        t.xavier(rng, t.wq, t.hd, t.hd, t.hd, t.hd);
        t.xavier(rng, t.wk, 2 * t.hd, t.hd, 2 * t.hd, t.hd);
        t.xavier(rng, t.wv, 2 * t.hd, t.hd, 2 * t.hd, t.hd);
        t.xavier(rng, t.wo, t.hd, t.hd, t.hd, t.hd);
        t.xavier(rng, t.outW, t.hd, t.vt, t.hd, t.vt);
        return t;
    }

    /** A translator holding {@code params} (copied), in this class's layout. */
    public static Translator of(Shape shape, float[] params) {
        Translator t = new Translator(shape);
        if (params.length != t.p.length) {
            throw new IllegalArgumentException("Expected " + t.p.length + " parameters for " + shape + ", got " + params.length);
        }
        System.arraycopy(params, 0, t.p, 0, params.length);
        return t;
    }

    private void xavier(SplittableRandom rng, int offset, int rows, int cols, int fanIn, int fanOut) {
        double std = Math.sqrt(2.0 / (fanIn + fanOut));
        for (int i = 0; i < rows * cols; i++) {
            p[offset + i] = (float) (gaussian(rng) * std);
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public Shape shape() {
        return shape;
    }

    /** The parameters, a live view of the flat array. */
    public float[] params() {
        return p;
    }

    /** The gradient of the last {@link #lossAndGradient} call, same layout as {@link #params()}. */
    public float[] gradient() {
        return g;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** The layer called {@code name}. */
    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("No layer '" + name + "'; the translator has " + layers.stream().map(Layer::name).toList());
    }

    /** Where the target embeddings {@code [targetVocabulary][embedding]} start in {@link #params()}. */
    public int targetEmbeddingOffset() {
        return tgtEmb;
    }

    // ---------------------------------------------------------------------------------------------
    // the encoder

    /** Everything the encoder computed for one batch of sources. */
    private final class Encoded {
        final int steps;
        final int batch;
        final int[] ids;
        final int[] len;
        Lstm.Run r1f;
        Lstm.Run r1b;
        Lstm.Run r2f;
        Lstm.Run r2b;
        float[] enc;
        float[] pooled;
        float[] ctx;
        float[] keys;
        float[] values;

        Encoded(int steps, int batch, int[] ids, int[] len) {
            this.steps = steps;
            this.batch = batch;
            this.ids = ids;
            this.len = len;
        }
    }

    private Encoded encode(int[] ids, int[] len, int steps, int batch) {
        Encoded x = new Encoded(steps, batch, ids, len);
        float[] emb = embed(srcEmb, ids, len, steps, batch);
        x.r1f = enc1f.forward(p, emb, steps, batch, len, null, null);
        x.r1b = enc1b.forward(p, reverse(emb, e, steps, batch, len), steps, batch, len, null, null);
        float[] h1 = concat(x.r1f.out, reverse(x.r1b.out, hd, steps, batch, len), hd, hd, steps * batch);
        x.r2f = enc2f.forward(p, h1, steps, batch, len, null, null);
        x.r2b = enc2b.forward(p, reverse(h1, 2 * hd, steps, batch, len), steps, batch, len, null, null);
        x.enc = concat(x.r2f.out, reverse(x.r2b.out, hd, steps, batch, len), hd, hd, steps * batch);
        int w2 = 2 * hd;
        x.pooled = new float[batch * 4 * hd];
        for (int s = 0; s < batch; s++) {
            System.arraycopy(x.enc, ((len[s] - 1) * batch + s) * w2, x.pooled, s * 4 * hd, w2);
            for (int t = 0; t < len[s]; t++) {
                Vec.add(x.enc, (t * batch + s) * w2, x.pooled, s * 4 * hd + w2, w2);
            }
            Vec.scale(x.pooled, s * 4 * hd + w2, w2, 1f / len[s]);
        }
        x.ctx = new float[batch * hd];
        Gemm.ab(batch, hd, 4 * hd, x.pooled, 0, p, ctxW, x.ctx, 0, false);
        for (int s = 0; s < batch; s++) {
            Vec.add(p, ctxB, x.ctx, s * hd, hd);
        }
        Vec.tanh(x.ctx, 0, batch * hd);
        x.keys = new float[steps * batch * hd];
        x.values = new float[steps * batch * hd];
        Gemm.ab(steps * batch, hd, w2, x.enc, 0, p, wk, x.keys, 0, false);
        Gemm.ab(steps * batch, hd, w2, x.enc, 0, p, wv, x.values, 0, false);
        return x;
    }

    private float[] embed(int table, int[] ids, int[] len, int steps, int batch) {
        float[] out = new float[steps * batch * e];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                if (t < len[s]) {
                    System.arraycopy(p, table + ids[t * batch + s] * e, out, (t * batch + s) * e, e);
                }
            }
        }
        return out;
    }

    /** Each sequence reversed within its own length (padding stays at the end, zero). */
    private static float[] reverse(float[] x, int width, int steps, int batch, int[] len) {
        float[] r = new float[steps * batch * width];
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < len[s]; t++) {
                System.arraycopy(x, (t * batch + s) * width, r, ((len[s] - 1 - t) * batch + s) * width, width);
            }
        }
        return r;
    }

    private static float[] concat(float[] a, float[] b, int wa, int wb, int rows) {
        float[] out = new float[rows * (wa + wb)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * wa, out, r * (wa + wb), wa);
            System.arraycopy(b, r * wb, out, r * (wa + wb) + wa, wb);
        }
        return out;
    }

    /** Columns {@code [from, from+width)} of a {@code [rows][stride]} array. */
    private static float[] columns(float[] a, int stride, int from, int width, int rows) {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * stride + from, out, r * width, width);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // attention

    /**
     * Scaled dot-product attention of {@code tq} queries per sequence over its real source steps.
     * Returns the weights {@code [batch][tq][ts]} and writes the attended values {@code [tq*B][H]}.
     */
    private float[] attend(float[] q, int tq, Encoded x, float[] attended) {
        int batch = x.batch;
        int ts = x.steps;
        float scale = (float) (1 / Math.sqrt(hd));
        float[] w = new float[batch * tq * ts];
        for (int s = 0; s < batch; s++) {
            int n = x.len[s];
            for (int i = 0; i < tq; i++) {
                int wr = (s * tq + i) * ts;
                int qr = (i * batch + s) * hd;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    float v = Vec.dot(q, qr, x.keys, (k * batch + s) * hd, hd) * scale;
                    w[wr + k] = v;
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    float v = Vec.exp(w[wr + k] - max);
                    w[wr + k] = v;
                    sum += v;
                }
                float inv = (float) (1 / sum);
                int ar = (i * batch + s) * hd;
                for (int k = 0; k < n; k++) {
                    w[wr + k] *= inv;
                    Vec.axpy(w[wr + k], x.values, (k * batch + s) * hd, attended, ar, hd);
                }
            }
        }
        return w;
    }

    // ---------------------------------------------------------------------------------------------
    // training

    /**
     * One minibatch, time-major: {@code source[t*B + b]} for {@code t < sourceLength[b]}, the
     * decoder input {@code <s> y1 .. yn} and the labels {@code y1 .. yn </s>} likewise.
     */
    public record Batch(int batch, int sourceSteps, int[] source, int[] sourceLength,
                        int targetSteps, int[] targetIn, int[] labels, int[] targetLength) {}

    /**
     * Forward and backward pass: the loss (cross-entropy summed over each sentence's tokens,
     * averaged over the batch, as DL4J scores it), with {@link #gradient()} set to its gradient.
     */
    public double lossAndGradient(Batch b) {
        int batch = b.batch();
        int ts = b.sourceSteps();
        int tt = b.targetSteps();
        int rows = tt * batch;
        Encoded x = encode(b.source(), b.sourceLength(), ts, batch);

        // decoder forward
        float[] tgt = embed(tgtEmb, b.targetIn(), b.targetLength(), tt, batch);
        float[] decIn = new float[rows * (e + hd)];
        for (int t = 0; t < tt; t++) {
            for (int s = 0; s < batch; s++) {
                int r = t * batch + s;
                System.arraycopy(tgt, r * e, decIn, r * (e + hd), e);
                System.arraycopy(x.ctx, s * hd, decIn, r * (e + hd) + e, hd);
            }
        }
        int[] tlen = b.targetLength();
        Lstm.Run d1 = dec1.forward(p, decIn, tt, batch, tlen, null, null);
        float[] q = new float[rows * hd];
        Gemm.ab(rows, hd, hd, d1.out, 0, p, wq, q, 0, false);
        float[] att = new float[rows * hd];
        float[] weights = attend(q, tt, x, att);
        float[] o = new float[rows * hd];
        Gemm.ab(rows, hd, hd, att, 0, p, wo, o, 0, false);
        float[] dec2In = concat(d1.out, o, hd, hd, rows);
        Lstm.Run d2 = dec2.forward(p, dec2In, tt, batch, tlen, null, null);
        float[] logits = new float[rows * vt];
        Gemm.ab(rows, vt, hd, d2.out, 0, p, outW, logits, 0, false);

        // loss; logits become the gradient of the mean loss with respect to them
        Arrays.fill(g, 0f);
        double loss = 0;
        float invBatch = 1f / batch;
        for (int t = 0; t < tt; t++) {
            for (int s = 0; s < batch; s++) {
                int r = (t * batch + s) * vt;
                if (t >= tlen[s]) {
                    Arrays.fill(logits, r, r + vt, 0f);
                    continue;
                }
                Vec.add(p, outB, logits, r, vt);
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < vt; k++) {
                    max = Math.max(max, logits[r + k]);
                }
                double sum = Vec.expShifted(logits, r, vt, max);
                int y = b.labels()[t * batch + s];
                float py = (float) (logits[r + y] / sum);
                loss -= Math.log(Math.max(py, Float.MIN_NORMAL));
                float inv = (float) (invBatch / sum);
                for (int k = 0; k < vt; k++) {
                    logits[r + k] *= inv;
                }
                logits[r + y] -= invBatch;
            }
        }
        float[] dLogits = logits;

        // output layer
        Gemm.atb(hd, vt, rows, d2.out, 0, dLogits, 0, g, outW, true);
        for (int r = 0; r < rows; r++) {
            Vec.add(dLogits, r * vt, g, outB, vt);
        }
        float[] outWT = new float[vt * hd];
        Gemm.transpose(p, outW, hd, vt, outWT, 0);
        float[] dD2 = new float[rows * hd];
        Gemm.ab(rows, hd, vt, dLogits, 0, outWT, 0, dD2, 0, false);
        float[] dDec2In = dec2.backward(p, g, d2, dD2, true);
        float[] dD1 = columns(dDec2In, 2 * hd, 0, hd, rows);
        float[] dO = columns(dDec2In, 2 * hd, hd, hd, rows);

        // attention
        Gemm.atb(hd, hd, rows, att, 0, dO, 0, g, wo, true);
        float[] dAtt = new float[rows * hd];
        Gemm.ab(rows, hd, hd, dO, 0, transposed(wo, hd, hd), 0, dAtt, 0, false);
        float[] dQ = new float[rows * hd];
        float[] dK = new float[ts * batch * hd];
        float[] dV = new float[ts * batch * hd];
        attentionBackward(q, tt, x, weights, dAtt, dQ, dK, dV);
        Gemm.atb(hd, hd, rows, d1.out, 0, dQ, 0, g, wq, true);
        Gemm.ab(rows, hd, hd, dQ, 0, transposed(wq, hd, hd), 0, dD1, 0, true);
        int w2 = 2 * hd;
        Gemm.atb(w2, hd, ts * batch, x.enc, 0, dK, 0, g, wk, true);
        Gemm.atb(w2, hd, ts * batch, x.enc, 0, dV, 0, g, wv, true);
        float[] dEnc = new float[ts * batch * w2];
        Gemm.ab(ts * batch, w2, hd, dK, 0, transposed(wk, w2, hd), 0, dEnc, 0, false);
        Gemm.ab(ts * batch, w2, hd, dV, 0, transposed(wv, w2, hd), 0, dEnc, 0, true);

        // first decoder layer, target embeddings, context
        float[] dDecIn = dec1.backward(p, g, d1, dD1, true);
        float[] dCtx = new float[batch * hd];
        for (int t = 0; t < tt; t++) {
            for (int s = 0; s < batch; s++) {
                if (t >= tlen[s]) {
                    continue;
                }
                int r = (t * batch + s) * (e + hd);
                Vec.add(dDecIn, r, g, tgtEmb + b.targetIn()[t * batch + s] * e, e);
                Vec.add(dDecIn, r + e, dCtx, s * hd, hd);
            }
        }
        for (int i = 0; i < dCtx.length; i++) {
            dCtx[i] *= 1 - x.ctx[i] * x.ctx[i];
        }
        Gemm.atb(4 * hd, hd, batch, x.pooled, 0, dCtx, 0, g, ctxW, true);
        for (int s = 0; s < batch; s++) {
            Vec.add(dCtx, s * hd, g, ctxB, hd);
        }
        float[] dPooled = new float[batch * 4 * hd];
        Gemm.ab(batch, 4 * hd, hd, dCtx, 0, transposed(ctxW, 4 * hd, hd), 0, dPooled, 0, false);
        int[] len = b.sourceLength();
        for (int s = 0; s < batch; s++) {
            Vec.add(dPooled, s * 4 * hd, dEnc, ((len[s] - 1) * batch + s) * w2, w2);
            float inv = 1f / len[s];
            for (int t = 0; t < len[s]; t++) {
                Vec.axpy(inv, dPooled, s * 4 * hd + w2, dEnc, (t * batch + s) * w2, w2);
            }
        }

        // encoder
        float[] dH1 = bidirectionalBackward(enc2f, enc2b, x.r2f, x.r2b, dEnc, 2 * hd, ts, batch, len);
        float[] dEmb = bidirectionalBackward(enc1f, enc1b, x.r1f, x.r1b, dH1, e, ts, batch, len);
        for (int t = 0; t < ts; t++) {
            for (int s = 0; s < batch; s++) {
                if (t < len[s]) {
                    Vec.add(dEmb, (t * batch + s) * e, g, srcEmb + b.source()[t * batch + s] * e, e);
                }
            }
        }
        return loss / batch;
    }

    private float[] bidirectionalBackward(Lstm fwd, Lstm bwd, Lstm.Run rf, Lstm.Run rb, float[] dOut, int nIn,
                                          int steps, int batch, int[] len) {
        int rows = steps * batch;
        float[] dF = columns(dOut, 2 * hd, 0, hd, rows);
        float[] dB = reverse(columns(dOut, 2 * hd, hd, hd, rows), hd, steps, batch, len);
        float[] dx = fwd.backward(p, g, rf, dF, true);
        float[] dxb = reverse(bwd.backward(p, g, rb, dB, true), nIn, steps, batch, len);
        Vec.add(dxb, 0, dx, 0, dx.length);
        return dx;
    }

    private void attentionBackward(float[] q, int tq, Encoded x, float[] w, float[] dAtt, float[] dQ, float[] dK, float[] dV) {
        int batch = x.batch;
        int ts = x.steps;
        float scale = (float) (1 / Math.sqrt(hd));
        float[] dw = new float[ts];
        for (int s = 0; s < batch; s++) {
            int n = x.len[s];
            for (int i = 0; i < tq; i++) {
                int wr = (s * tq + i) * ts;
                int ar = (i * batch + s) * hd;
                float dot = 0;
                for (int k = 0; k < n; k++) {
                    int vr = (k * batch + s) * hd;
                    dw[k] = Vec.dot(dAtt, ar, x.values, vr, hd);
                    dot += dw[k] * w[wr + k];
                    Vec.axpy(w[wr + k], dAtt, ar, dV, vr, hd);
                }
                for (int k = 0; k < n; k++) {
                    float ds = w[wr + k] * (dw[k] - dot) * scale;
                    int kr = (k * batch + s) * hd;
                    Vec.axpy(ds, x.keys, kr, dQ, ar, hd);
                    Vec.axpy(ds, q, ar, dK, kr, hd);
                }
            }
        }
    }

    private float[] transposed(int offset, int rows, int cols) {
        float[] t = new float[rows * cols];
        Gemm.transpose(p, offset, rows, cols, t, 0);
        return t;
    }

    // ---------------------------------------------------------------------------------------------
    // translation

    /**
     * Greedy decoding of a batch of sources (each already ending with {@code </s>}): the most
     * probable token at each step, fed back, until {@code eos} or {@code maxLength} tokens.
     */
    public List<int[]> translate(List<int[]> sources, int bos, int eos, int maxLength) {
        int batch = sources.size();
        int ts = 0;
        for (int[] s : sources) {
            ts = Math.max(ts, s.length);
        }
        int[] ids = new int[ts * batch];
        int[] len = new int[batch];
        for (int s = 0; s < batch; s++) {
            int[] src = sources.get(s);
            len[s] = src.length;
            for (int t = 0; t < src.length; t++) {
                ids[t * batch + s] = src[t];
            }
        }
        Encoded x = encode(ids, len, ts, batch);
        int[] one = new int[batch];
        Arrays.fill(one, 1);
        float[] h1 = null;
        float[] c1 = null;
        float[] h2 = null;
        float[] c2 = null;
        int[] prev = new int[batch];
        Arrays.fill(prev, bos);
        int[][] tokens = new int[batch][maxLength];
        int[] lengths = new int[batch];
        boolean[] done = new boolean[batch];
        float[] in = new float[batch * (e + hd)];
        float[] logits = new float[batch * vt];
        for (int step = 0; step < maxLength; step++) {
            for (int s = 0; s < batch; s++) {
                System.arraycopy(p, tgtEmb + prev[s] * e, in, s * (e + hd), e);
                System.arraycopy(x.ctx, s * hd, in, s * (e + hd) + e, hd);
            }
            Lstm.Run r1 = dec1.forward(p, in, 1, batch, one, h1, c1);
            h1 = r1.out;
            c1 = r1.cell;
            float[] q = new float[batch * hd];
            Gemm.ab(batch, hd, hd, h1, 0, p, wq, q, 0, false);
            float[] att = new float[batch * hd];
            attend(q, 1, x, att);
            float[] o = new float[batch * hd];
            Gemm.ab(batch, hd, hd, att, 0, p, wo, o, 0, false);
            Lstm.Run r2 = dec2.forward(p, concat(h1, o, hd, hd, batch), 1, batch, one, h2, c2);
            h2 = r2.out;
            c2 = r2.cell;
            Gemm.ab(batch, vt, hd, h2, 0, p, outW, logits, 0, false);
            boolean allDone = true;
            for (int s = 0; s < batch; s++) {
                int best = 0;
                float bestV = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < vt; k++) {
                    float v = logits[s * vt + k] + p[outB + k];
                    if (v > bestV) {
                        bestV = v;
                        best = k;
                    }
                }
                prev[s] = best;
                if (!done[s]) {
                    if (best == eos) {
                        done[s] = true;
                    } else {
                        tokens[s][lengths[s]++] = best;
                    }
                }
                allDone &= done[s];
            }
            if (allDone) {
                break;
            }
        }
        List<int[]> out = new ArrayList<>(batch);
        for (int s = 0; s < batch; s++) {
            out.add(Arrays.copyOf(tokens[s], lengths[s]));
        }
        return out;
    }
}

package bloom.nmt.net;

/**
 * One direction of an LSTM layer over a time-major minibatch, forward and backward, with the
 * gate layout and equations of DL4J's {@code LSTM} (no peepholes):
 * <pre>
 *   z = x·W + h_{t-1}·RW + b          W [nIn][4h], RW [h][4h], b [4h]
 *   a = tanh(z[0,h))   f = σ(z[h,2h))   o = σ(z[2h,3h))   i = σ(z[3h,4h))
 *   c_t = f·c_{t-1} + i·a             h_t = o·tanh(c_t)
 * </pre>
 * Sequence {@code b} is real for steps {@code t < len[b]}; at later steps its output and cell are
 * zero and no gradient flows through them (DL4J's masking, for padding at the end).
 *
 * <p>Arrays are time-major: row {@code t*B + b} of a {@code [T*B][width]} array is step t of
 * sequence b. The input projection {@code x·W} of all steps is one matrix product before the
 * recurrence, and so are the weight gradients after it; only {@code h_{t-1}·RW} is per step.
 */
final class Lstm {

    final int nIn;
    final int h;
    final int w;
    final int rw;
    final int b;

    /** A layer whose parameters start at {@code offset} of the flat parameter array. */
    Lstm(int nIn, int h, int offset) {
        this.nIn = nIn;
        this.h = h;
        this.w = offset;
        this.rw = w + nIn * 4 * h;
        this.b = rw + h * 4 * h;
    }

    int size() {
        return nIn * 4 * h + h * 4 * h + 4 * h;
    }

    int end() {
        return b + 4 * h;
    }

    /** What the forward pass keeps for the backward pass. */
    static final class Run {
        final int steps;
        final int batch;
        final int[] len;
        final float[] x;
        final float[] gates;
        final float[] cell;
        final float[] tanhCell;
        final float[] out;
        final float[] c0;

        Run(int steps, int batch, int[] len, float[] x, float[] gates, float[] cell, float[] tanhCell, float[] out, float[] c0) {
            this.steps = steps;
            this.batch = batch;
            this.len = len;
            this.x = x;
            this.gates = gates;
            this.cell = cell;
            this.tanhCell = tanhCell;
            this.out = out;
            this.c0 = c0;
        }
    }

    /**
     * Runs {@code steps} steps from the state {@code h0, c0} ({@code [B][h]}, null for zeros) over
     * {@code x [steps*B][nIn]}.
     */
    Run forward(float[] p, float[] x, int steps, int batch, int[] len, float[] h0, float[] c0) {
        int g4 = 4 * h;
        int rows = steps * batch;
        float[] gates = new float[rows * g4];
        float[] cell = new float[rows * h];
        float[] tanhCell = new float[rows * h];
        float[] out = new float[rows * h];
        Gemm.ab(rows, g4, nIn, x, 0, p, w, gates, 0, false);
        for (int r = 0; r < rows; r++) {
            Vec.add(p, b, gates, r * g4, g4);
        }
        for (int t = 0; t < steps; t++) {
            int gt = t * batch * g4;
            if (t > 0) {
                Gemm.ab(batch, g4, h, out, (t - 1) * batch * h, p, rw, gates, gt, true);
            } else if (h0 != null) {
                Gemm.ab(batch, g4, h, h0, 0, p, rw, gates, gt, true);
            }
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                int gr = row * g4;
                int cr = row * h;
                if (t >= len[s]) {
                    continue; // stays zero
                }
                Vec.tanh(gates, gr, h);
                Vec.sigmoid(gates, gr + h, 3 * h);
                float[] prev = t > 0 ? cell : c0;
                int pr = t > 0 ? cr - batch * h : s * h;
                for (int j = 0; j < h; j++) {
                    float cPrev = prev == null ? 0f : prev[pr + j];
                    float c = gates[gr + h + j] * cPrev + gates[gr + 3 * h + j] * gates[gr + j];
                    cell[cr + j] = c;
                }
                System.arraycopy(cell, cr, tanhCell, cr, h);
                Vec.tanh(tanhCell, cr, h);
                for (int j = 0; j < h; j++) {
                    out[cr + j] = gates[gr + 2 * h + j] * tanhCell[cr + j];
                }
            }
        }
        return new Run(steps, batch, len, x, gates, cell, tanhCell, out, c0);
    }

    /**
     * Backpropagates {@code dOut [steps*B][h]} (the loss's gradient with respect to the outputs)
     * through the run, adds the parameter gradients into {@code g} and returns the gradient with
     * respect to the input, {@code [steps*B][nIn]} (zero at padded steps), or null if not wanted.
     */
    float[] backward(float[] p, float[] g, Run r, float[] dOut, boolean inputGradient) {
        int g4 = 4 * h;
        int batch = r.batch;
        int rows = r.steps * batch;
        float[] dGates = new float[rows * g4];
        float[] dhRec = new float[batch * h];
        float[] dc = new float[batch * h];
        float[] rwT = new float[g4 * h];
        Gemm.transpose(p, rw, h, g4, rwT, 0);
        for (int t = r.steps - 1; t >= 0; t--) {
            if (t < r.steps - 1) {
                Gemm.ab(batch, h, g4, dGates, (t + 1) * batch * g4, rwT, 0, dhRec, 0, false);
            }
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                int gr = row * g4;
                int cr = row * h;
                int sr = s * h;
                if (t >= r.len[s]) {
                    java.util.Arrays.fill(dc, sr, sr + h, 0f);
                    continue;
                }
                float[] prev = t > 0 ? r.cell : r.c0;
                int pr = t > 0 ? cr - batch * h : sr;
                for (int j = 0; j < h; j++) {
                    float dh = dOut[cr + j] + (t < r.steps - 1 ? dhRec[sr + j] : 0f);
                    float a = r.gates[gr + j];
                    float f = r.gates[gr + h + j];
                    float o = r.gates[gr + 2 * h + j];
                    float i = r.gates[gr + 3 * h + j];
                    float tc = r.tanhCell[cr + j];
                    float dcv = dc[sr + j] + dh * o * (1 - tc * tc);
                    float cPrev = prev == null ? 0f : prev[pr + j];
                    dGates[gr + j] = dcv * i * (1 - a * a);
                    dGates[gr + h + j] = dcv * cPrev * f * (1 - f);
                    dGates[gr + 2 * h + j] = dh * tc * o * (1 - o);
                    dGates[gr + 3 * h + j] = dcv * a * i * (1 - i);
                    dc[sr + j] = dcv * f;
                }
            }
        }
        Gemm.atb(nIn, g4, rows, r.x, 0, dGates, 0, g, w, true);
        if (r.steps > 1) {
            Gemm.atb(h, g4, rows - batch, r.out, 0, dGates, batch * g4, g, rw, true);
        }
        for (int row = 0; row < rows; row++) {
            Vec.add(dGates, row * g4, g, b, g4);
        }
        if (!inputGradient) {
            return null;
        }
        float[] wT = new float[g4 * nIn];
        Gemm.transpose(p, w, nIn, g4, wT, 0);
        float[] dx = new float[rows * nIn];
        Gemm.ab(rows, nIn, g4, dGates, 0, wT, 0, dx, 0, false);
        return dx;
    }
}

package bloom.cli;

import bloom.flame.fold.StepFolder;
import bloom.flame.genome.Camera;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Palette;
import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.trace.EmbeddingSnapshot;
import bloom.nmt.trace.StepRecord;
import bloom.nmt.trace.Trace;
import bloom.palette.DriftingPalettes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a trace into one genome per frame: the base genome framed at the video size, its xforms
 * moved by the folded optimizer steps, and its palette replaced by the drifting palette at that
 * step. Frame t shows minibatch t. Frames must be requested in increasing order, since folding
 * accumulates; {@link #skipTo} replays the folding without rendering (for a resumed render).
 */
final class FramePlanner {

    private final List<StepRecord> steps;
    private final Genome base;
    private final StepFolder folder;
    private final DriftingPalettes palettes;
    private final double typicalUpdate;
    /** Where each frame stands on the palette timeline, in training steps (see {@link #paletteClock}). */
    private final double[] paletteStep;
    private int next;
    private Genome current;

    FramePlanner(Trace trace, Genome base, RenderSettings s) {
        this.steps = trace.steps();
        if (steps.isEmpty()) {
            throw BloomException.badInput("the trace holds no minibatch yet: nothing to render");
        }
        Camera cam = base.camera().resized(s.size().width(), s.size().height());
        this.base = base.withCamera(cam)
                .withSampling(base.sampling().withQuality(s.quality()).withOversample(s.oversample()));
        this.folder = new StepFolder(this.base, trace.header().sketchDims(), s.fold());
        this.palettes = fitPalettes(trace.snapshots(), s);
        double[] norms = steps.stream().mapToDouble(StepRecord::updateNorm).filter(v -> v > 0).toArray();
        double median = Stats.median(norms);
        this.typicalUpdate = Double.isFinite(median) && median > 0 ? median : 1;
        this.paletteStep = paletteClock(steps, trace.snapshots());
        this.current = this.base;
    }

    /**
     * Palettes are known at the snapshot steps. Between two snapshots the embeddings moved as
     * far as the optimizer moved them, so a frame's place between them is the share of the
     * interval's total update norm spent up to its step, not the share of steps: a large step
     * changes the colours as much as it changes the shape, and a quiet stretch holds them.
     */
    static double[] paletteClock(List<StepRecord> steps, List<EmbeddingSnapshot> snaps) {
        double[] out = new double[steps.size()];
        double[] cumulative = new double[steps.size()];
        double sum = 0;
        for (int i = 0; i < steps.size(); i++) {
            double u = steps.get(i).updateNorm();
            sum += Double.isFinite(u) && u > 0 ? u : 0;
            cumulative[i] = sum;
        }
        long[] at = snaps.stream().mapToLong(EmbeddingSnapshot::step).toArray();
        for (int i = 0; i < steps.size(); i++) {
            long step = steps.get(i).step();
            int hi = 0;
            while (hi < at.length && at[hi] < step) {
                hi++;
            }
            if (hi == 0 || hi == at.length) {
                out[i] = step;
                continue;
            }
            long a = at[hi - 1];
            long b = at[hi];
            double ca = cumulativeAt(steps, cumulative, a);
            double cb = cumulativeAt(steps, cumulative, b);
            double f = cb > ca ? (cumulative[i] - ca) / (cb - ca) : (step - a) / (double) (b - a);
            out[i] = a + f * (b - a);
        }
        return out;
    }

    /** Cumulative update norm after step {@code step} (0 before the first step). */
    private static double cumulativeAt(List<StepRecord> steps, double[] cumulative, long step) {
        int lo = 0;
        int hi = steps.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (steps.get(mid).step() <= step) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : cumulative[found];
    }

    /** Drifting palettes from the snapshots, or none when the trace has fewer than two. */
    private static DriftingPalettes fitPalettes(List<EmbeddingSnapshot> snaps, RenderSettings s) {
        if (snaps.size() < 2) {
            return null;
        }
        long[] at = new long[snaps.size()];
        List<double[][]> matrices = new ArrayList<>();
        double[][] previous = null;
        for (int i = 0; i < snaps.size(); i++) {
            EmbeddingSnapshot e = snaps.get(i);
            at[i] = e.step();
            double[][] m = e.toMatrix();
            // Special tokens (padding, start, end, unknown) are barely trained: leave them out.
            if (m.length > Vocabulary.SPECIALS + 3) {
                m = Arrays.copyOfRange(m, Vocabulary.SPECIALS, m.length);
            }
            if (!finite(m)) {
                if (previous == null) {
                    continue;
                }
                m = previous; // an exploded snapshot: no movement, rather than no palette
            }
            matrices.add(m);
            previous = m;
        }
        if (matrices.size() != at.length) {
            at = Arrays.copyOfRange(at, at.length - matrices.size(), at.length);
        }
        if (matrices.size() < 2) {
            return null;
        }
        return DriftingPalettes.fit(at, matrices, s.palette());
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    int frames() {
        return steps.size();
    }

    StepRecord record(int frame) {
        return steps.get(frame);
    }

    /** The frame's place on the palette timeline, in training steps; NaN without palettes. */
    double paletteStep(int frame) {
        return palettes == null ? Double.NaN : paletteStep[frame];
    }

    /** The median update norm: a step of this size moves the genome by the fold gain. */
    double typicalUpdate() {
        return typicalUpdate;
    }

    /** Folds steps up to, not including, {@code frame} without producing genomes. */
    void skipTo(int frame) {
        while (next < frame) {
            advance();
        }
    }

    /** The genome of {@code frame}; frames must come in increasing order. */
    Genome genome(int frame) {
        if (frame < next - 1) {
            throw new IllegalStateException("Frames must be planned in order: " + frame + " after " + (next - 1));
        }
        while (next <= frame) {
            advance();
        }
        return current;
    }

    private void advance() {
        StepRecord r = steps.get(next);
        Genome g = folder.fold(r.sketch(), r.updateNorm() / typicalUpdate);
        current = palettes == null ? g : g.withPalette(Palette.of(palettes.paletteAt(paletteStep[next])));
        next++;
    }

    /** Palettes of the first and last snapshot, or null without palettes. */
    float[][] firstAndLastPalette() {
        if (palettes == null) {
            return null;
        }
        return new float[][] {palettes.palette(0), palettes.palette(palettes.size() - 1)};
    }

    DriftingPalettes palettes() {
        return palettes;
    }
}

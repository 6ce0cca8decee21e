package bloom.film;

import bloom.flame.fold.StepFolder;
import bloom.flame.fold.StepScale;
import bloom.flame.genome.Camera;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Palette;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.RenderSpec;
import bloom.palette.DriftingPalettes;
import bloom.palette.PcaTrack;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.StepRecord;
import bloom.trace.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a trace into one genome per frame: the base genome framed at the video size, its xforms
 * moved by the folded optimizer steps, and its palette replaced by the drifting palette at that
 * step. Frame t shows minibatch t.
 *
 * <p>Frame t depends only on the steps up to t + {@link StepScale#WINDOW} and the snapshots
 * taken at or before step t, so frames planned while training runs (records {@link #add}ed as
 * they arrive, each frame once {@link #settled}) equal frames planned afterwards from the whole
 * trace. The step fold measures each step against the run's first steps and the steps around it
 * ({@link StepScale}); the palette follows the last snapshot the frame can know of, moving from
 * the one before it to it over the interval after it (see {@link #paletteStep}).
 *
 * <p>The same motion changes the image more as the palette colours up, as the flame wanders and
 * as training turns its steps toward other directions: at a constant step size the mean pixel
 * change grew 1.5 to 2.4 times over 400 steps of MLPs, a CNN and the translator. So the planner
 * measures it: after each frame it renders, on a {@value #PROBE_WIDTH}x{@value #PROBE_HEIGHT}
 * probe at quality {@value #PROBE_QUALITY}, the frame and the frame moved once more in its
 * step's direction by a typical amount, and keeps the average log pixel change over the last
 * {@value #PROBE_HORIZON} frames. A frame's ratio is multiplied by {@code (K0 / K)^2.5}, K that
 * average before it and K0 the one of the first {@value #PROBE_START} frames: since the image
 * change grows as about the 0.4th power of the motion, a typical step then changes the image as
 * much late in the film as early. (A fixed probe direction measured the palette but missed the
 * change of direction: the 6,922-parameter example MLP's film went from 0.48 to 0.23 with it,
 * to 0.60 with the step's own.)
 *
 * <p>Frames can be asked for in any order: folding accumulates, so the planner keeps the fold's
 * state every {@value #CHECKPOINT_EVERY} frames and replays from the nearest one at or before
 * the frame asked for (folding costs microseconds a frame; rendering, seconds).
 */
public final class FramePlanner {

    private final List<StepRecord> steps = new ArrayList<>();
    /** Cumulative update norm after each step (non-finite steps count 0). */
    private final List<Double> cumulative = new ArrayList<>();
    private final Genome base;
    private final StepFolder folder;
    private final RenderSettings settings;
    private DriftingPalettes palettes;
    private boolean noPalettes;
    private double[][] lastMatrix;
    /** Frames between saved fold states. */
    static final int CHECKPOINT_EVERY = 256;

    private final StepScale scale;
    private record FoldState(double[] offsets, double probeLog, double probeStart, int probes) {}
    private final List<FoldState> checkpoints = new ArrayList<>();
    static final int PROBE_WIDTH = 64;
    static final int PROBE_HEIGHT = 36;
    static final double PROBE_QUALITY = 4;
    static final int PROBE_HORIZON = 25;
    static final int PROBE_START = 10;
    /** Largest log of the probe's correction either way. */
    private static final double PROBE_MAX_LOG = 4;
    private final CpuRenderer probeRenderer = new CpuRenderer();
    private final RenderSpec probeSpec;
    private double probeLog;
    private double probeStart;
    private int probes;
    private final List<Double> ratios = new ArrayList<>();
    private final List<Double> paletteStep = new ArrayList<>();
    private int next;
    private Genome current;
    private final List<bloom.trace.Event> events = new ArrayList<>();
    /** Leading snapshot rows the palette leaves out (from the trace's header). */
    private int specialRows;
    private final List<bloom.trace.Evaluation> evaluations = new ArrayList<>();

    public FramePlanner(int sketchDims, Genome base, RenderSettings s) {
        Camera cam = base.camera().resized(s.size().width(), s.size().height());
        this.base = base.withCamera(cam)
                .withSampling(base.sampling().withQuality(s.quality()).withOversample(s.oversample()));
        this.folder = new StepFolder(this.base, sketchDims, s.fold());
        this.scale = new StepScale(s.fold().contrast());
        this.probeSpec = new RenderSpec(PROBE_WIDTH, PROBE_HEIGHT, PROBE_QUALITY, 1, 1, 1);
        this.settings = s;
        this.current = this.base;
    }

    /** A planner over a whole recorded trace. */
    public FramePlanner(Trace trace, Genome base, RenderSettings s) {
        this(trace.header().sketchDims(), base, s);
        if (trace.steps().isEmpty()) {
            throw FilmException.badInput("the trace holds no minibatch yet: nothing to render");
        }
        addAll(trace);
    }

    /** Every record and snapshot of a trace, in the order training wrote them; its header says which snapshot rows are special. */
    public void addAll(Trace trace) {
        specialRows = trace.header().specialRows();
        // A snapshot at step k follows record k: it is known to frame k (and after).
        int si = 0;
        List<EmbeddingSnapshot> snaps = trace.snapshots();
        for (StepRecord r : trace.steps()) {
            while (si < snaps.size() && snaps.get(si).step() < r.step()) {
                add(snaps.get(si++));
            }
            add(r);
        }
        while (si < snaps.size()) {
            add(snaps.get(si++));
        }
        trace.events().forEach(this::add);
        trace.evaluations().forEach(this::add);
    }

    /** A control that took effect (for captions). */
    public void add(bloom.trace.Event e) {
        events.add(e);
    }

    /** A validation score (for captions). */
    public void add(bloom.trace.Evaluation e) {
        evaluations.add(e);
    }

    /** The events recorded after a step from {@code fromStep} to {@code toStep}, in order. */
    public List<bloom.trace.Event> events(long fromStep, long toStep) {
        List<bloom.trace.Event> out = new ArrayList<>();
        for (bloom.trace.Event e : events) {
            if (e.step() >= fromStep && e.step() <= toStep) {
                out.add(e);
            }
        }
        return out;
    }

    /** The newest validation score measured at or before {@code step}, or null. */
    public bloom.trace.Evaluation evaluation(long step) {
        bloom.trace.Evaluation last = null;
        for (bloom.trace.Evaluation e : evaluations) {
            if (e.step() <= step) {
                last = e;
            }
        }
        return last;
    }

    /** The next minibatch's record. */
    public void add(StepRecord r) {
        steps.add(r);
        scale.add(r.updateNorm());
        double u = r.updateNorm();
        double prev = cumulative.isEmpty() ? 0 : cumulative.get(cumulative.size() - 1);
        cumulative.add(prev + (Double.isFinite(u) && u > 0 ? u : 0));
    }

    /** The next embedding snapshot. Special tokens are left out; an exploded snapshot repeats the last. */
    public void add(EmbeddingSnapshot e) {
        if (noPalettes) {
            return;
        }
        double[][] m = e.toMatrix();
        // Special tokens (padding, start, end, unknown) are barely trained: leave them out.
        if (specialRows > 0 && m.length > specialRows + 3) {
            m = Arrays.copyOfRange(m, specialRows, m.length);
        }
        if (m.length < 2 || m[0].length < PcaTrack.DIMS) {
            noPalettes = true; // too small to project to three axes: the base palette stays
            return;
        }
        if (!finite(m)) {
            if (lastMatrix == null) {
                return;
            }
            m = lastMatrix; // an exploded snapshot: no movement, rather than no palette
        }
        if (palettes == null) {
            palettes = DriftingPalettes.start(m.length, settings.palette());
        }
        if (palettes.size() > 0 && e.step() <= palettes.step(palettes.size() - 1)) {
            return;
        }
        palettes.add(e.step(), m);
        lastMatrix = m;
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

    public int frames() {
        return steps.size();
    }

    /**
     * Whether frame {@code f} is final while records still arrive: the steps its size is measured
     * against are all known. Once the run has ended, every frame is.
     */
    public boolean settled(int f) {
        return scale.settled(f);
    }

    public StepRecord record(int frame) {
        return steps.get(frame);
    }

    /**
     * The moment of training the frame's palette shows, in steps: with s the last snapshot at or
     * before the frame's step, the palette moves from snapshot s-1 to s as the update norm spent
     * since s grows to what the interval s-1..s spent. NaN without palettes.
     */
    public double paletteStep(int frame) {
        return frame < paletteStep.size() ? paletteStep.get(frame) : Double.NaN;
    }

    /** The frame's step size against the steps before it, as folded (1: a typical step, moving the genome by the fold gain). */
    public double relativeStep(int frame) {
        return ratios.get(frame);
    }

    /** The genome of {@code frame}, in any order (frames in increasing order cost one fold each). */
    public Genome genome(int frame) {
        if (frame < 0 || frame >= steps.size()) {
            throw new IndexOutOfBoundsException("Frame " + frame + " of " + steps.size());
        }
        if (frame < next - 1) {
            int c = frame / CHECKPOINT_EVERY;
            FoldState st = checkpoints.get(c);
            folder.restore(st.offsets());
            probeLog = st.probeLog();
            probeStart = st.probeStart();
            probes = st.probes();
            next = c * CHECKPOINT_EVERY;
        }
        while (next <= frame) {
            advance();
        }
        return current;
    }

    private void advance() {
        if (next % CHECKPOINT_EVERY == 0 && checkpoints.size() == next / CHECKPOINT_EVERY) {
            checkpoints.add(new FoldState(folder.state(), probeLog, probeStart, probes));
        }
        StepRecord r = steps.get(next);
        float[] palette = paletteFor(next);
        double ratio = scale.ratio(next);
        if (probes >= PROBE_START) {
            double log = -2.5 * (probeLog - probeStart / PROBE_START);
            ratio *= Math.exp(Math.max(-PROBE_MAX_LOG, Math.min(PROBE_MAX_LOG, log)));
        }
        put(ratios, next, ratio);
        Genome g = folder.fold(r.sketch(), ratio);
        current = palette == null ? g : g.withPalette(Palette.of(palette));
        probe(palette, r.sketch());
        next++;
    }

    /** Measures how much a typical step in this step's direction changes the image at the current frame, and averages it in. */
    private void probe(float[] palette, float[] sketch) {
        double[] state = folder.state();
        Genome moved = folder.fold(sketch, 1);
        folder.restore(state);
        if (palette != null) {
            moved = moved.withPalette(Palette.of(palette));
        }
        double d = Stats.meanAbsoluteDifference(probeImage(current), probeImage(moved));
        if (!(d > 0) || !Double.isFinite(d)) {
            return;
        }
        double x = Math.log(d);
        probes++;
        probeLog = probes == 1 ? x : probeLog + (x - probeLog) / Math.min(probes, PROBE_HORIZON);
        if (probes <= PROBE_START) {
            probeStart += x;
        }
    }

    private int[] probeImage(Genome g) {
        Genome small = g.withCamera(g.camera().resized(PROBE_WIDTH, PROBE_HEIGHT))
                .withSampling(g.sampling().withQuality(PROBE_QUALITY).withOversample(1));
        return probeRenderer.render(CompiledGenome.compile(small), probeSpec, bloom.flame.render.Renderer.Progress.NONE).toRgb8();
    }

    private float[] paletteFor(int frame) {
        long step = steps.get(frame).step();
        int s = -1;
        if (palettes != null) {
            while (s + 1 < palettes.size() && palettes.step(s + 1) <= step) {
                s++;
            }
        }
        if (s < 0) {
            put(paletteStep, frame, Double.NaN);
            return null;
        }
        if (s == 0) {
            put(paletteStep, frame, (double) palettes.step(0));
            return palettes.palette(0);
        }
        long a = palettes.step(s - 1);
        long b = palettes.step(s);
        double interval = cumulativeAt(b) - cumulativeAt(a);
        double since = cumulativeAt(step) - cumulativeAt(b);
        double f = interval > 0 ? since / interval : (step - b) / (double) (b - a);
        f = Math.min(1, Math.max(0, f));
        put(paletteStep, frame, a + f * (b - a));
        return palettes.paletteToward(s, f);
    }

    /** Sets entry {@code i} of a per-frame list, appending the next one (a replayed frame repeats its value). */
    private static void put(List<Double> list, int i, double v) {
        if (i < list.size()) {
            list.set(i, v);
        } else {
            list.add(v);
        }
    }

    /** Cumulative update norm after step {@code step} (0 before the first step). */
    private double cumulativeAt(long step) {
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
        return found < 0 ? 0 : cumulative.get(found);
    }

    /** Palettes of the first and last snapshot, or null without palettes. */
    public float[][] firstAndLastPalette() {
        if (palettes == null || palettes.size() < 2) {
            return null;
        }
        return new float[][] {palettes.palette(0), palettes.palette(palettes.size() - 1)};
    }

    public DriftingPalettes palettes() {
        return palettes;
    }
}

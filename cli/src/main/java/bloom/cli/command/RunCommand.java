package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.console.ProgressBar;
import bloom.cli.console.ResumeHint;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.LiveOptions;
import bloom.cli.option.RenderOptions;
import bloom.cli.option.TrainingOptions;
import bloom.cli.option.TrainingSettings;
import bloom.film.Genomes;
import bloom.film.Inspection;
import bloom.film.LiveFeed;
import bloom.film.Previews;
import bloom.live.LiveServer;
import bloom.film.RenderJob;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.film.Anomalies;
import bloom.film.Json;
import bloom.flame.render.Renderer;
import bloom.nmt.corpus.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Train the translator and render its training as a fractal-flame MP4.",
                "",
                "Every minibatch becomes one frame: the optimizer's step moves the base flame's shape, the drift of the "
                        + "target embeddings colours its palette. With no options it trains on the embedded Spanish-English "
                        + "corpus for 3,500 minibatches with Adam, rendering frames while it trains, and writes runs/run-<time>/run.mp4.",
                "",
                "An interrupted run (Ctrl-C, a killed process, a full disk) resumes when the same command is given "
                        + "the same --out directory: no recorded minibatch is lost and no finished video segment is "
                        + "rendered again.",
                ""},
        footer = {"", "Examples:",
                "  bloom run                                   # the embedded defaults",
                "  bloom run --batches 2000 --size 1280x720 --quality 100",
                "  bloom run --config examples/configs/gallery-1080p.properties --out runs/gallery",
                "  bloom run --source talks.es --target talks.en --optimizer adam",
                "  bloom run --live                            # watch and steer it in a browser (URL printed)"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", order = 0,
            description = "Run directory (default: runs/run-<date>-<time>). An unfinished run there is resumed.")
    Path out;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "3500", order = 3,
            description = "Stop after N minibatches, one frame each; 0 trains every epoch (default: ${DEFAULT-VALUE}).")
    long batches;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainingOptions training;

    @Mixin
    RenderOptions render;

    @Mixin
    DeviceOption device;

    @Mixin
    LiveOptions live;

    @Option(names = "--exit-when-done", order = 74,
            description = "With --live: exit when the film is finished instead of serving the page until Ctrl-C.")
    boolean exitWhenDone;

    private Corpus corpus;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (batches < 0) {
            throw BloomException.usage("--batches " + batches + ": expected 0 (every epoch) or more");
        }
        TrainingSettings ts = training.settings(common.seed, batches);
        RenderSettings rs = render.settings(common.seed);
        rs.checkMemory(Genomes.load(rs.genome(), rs.genomeIndex(), w -> Console.log(spec.commandLine().getErr(), "warning: " + w))); // before training: a typo in --genome or --index, or a frame too large for the heap, fails at once
        corpus = ts.loadCorpus(); // before the run directory: a bad corpus leaves nothing behind
        Renderer renderer = device.open(err); // before training: --device cuda without a GPU fails at once
        try {
            return run(err, ts, rs, renderer);
        } finally {
            DeviceOption.close(renderer);
        }
    }

    private Integer run(PrintWriter err, TrainingSettings ts, RenderSettings rs, Renderer renderer) throws Exception {
        LiveServer page = null;
        try {
            Integer code;
            try (RunLock lock = RunOpener.open(out, RunDirectory.SUMMARY, spec, err)) {
                page = live.startIfAsked(lock.dir(), err);
                code = run(err, ts, rs, renderer, lock.dir());
            }
            if (page != null && !exitWhenDone) {
                LiveOptions.serveUntilInterrupted(page, err, "the film is finished");
            }
            return code;
        } finally {
            if (page != null) {
                page.close();
            }
        }
    }

    private Integer run(PrintWriter err, TrainingSettings ts, RenderSettings rs, Renderer renderer, Path dir) throws Exception {
        ResumeHint hint = ResumeHint.install(err, "bloom run --out " + dir);
        RenderJob job = new RenderJob(dir, rs, dir.resolve(RunDirectory.VIDEO), renderer)
                .onFrame((entry, rgb, width, height) -> Previews.write(dir, entry.frame(), rgb, width, height));
        long started = System.nanoTime();
        TrainStage.Outcome t;
        RenderJob.Result r;
        if (Files.exists(dir.resolve(RunDirectory.TRAINING))) {
            t = TrainStage.run(dir, ts, corpus, m -> Console.log(err, m), null, null);
            r = job.run(new ConsoleProgress(err));
        } else {
            // Render while training: the trainer on one core, frames on the others, then on all.
            LiveFeed feed = new LiveFeed(LiveFeed.DEFAULT_CAPACITY);
            AtomicLong frames = new AtomicLong();
            ExecutorService pool = Executors.newSingleThreadExecutor(runnable -> {
                Thread th = new Thread(runnable, "bloom-render");
                th.setDaemon(true);
                return th;
            });
            Future<RenderJob.Result> rendering = pool.submit(
                    () -> job.runLive(feed, ts.config().maxBatches(), new ConsoleProgress(err), frames::set));
            pool.shutdown();
            try {
                t = TrainStage.run(dir, ts, corpus, m -> Console.log(err, m), feed, frames::get);
            } catch (Exception | Error e) {
                feed.finished(false);
                Throwable renderFailure = failure(rendering);
                if (renderFailure != null && !(renderFailure instanceof RenderJob.TrainingStopped)) {
                    throw rethrow(renderFailure); // the render failed and stopped training: report its reason
                }
                throw e;
            }
            Console.log(err, String.format(Locale.ROOT, "trained %d minibatches, %.3f s each; test BLEU %.2f on %d sentences",
                    t.steps(), t.secondsPerStep(), t.bleu(), t.testSentences()));
            try {
                r = rendering.get();
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Map<String, Object> summary = summary(t, r, rs);
        summary.put("wallSeconds", wall);
        summary.put("optimizer", ts.config().model().optimizer().name().toLowerCase(Locale.ROOT));
        summary.put("learningRate", ts.config().model().learningRate());
        Json.write(dir.resolve(RunDirectory.SUMMARY), summary);
        Inspection.Result flagged = Inspection.analyse(dir, Anomalies.Settings.DEFAULT);
        Inspection.write(dir, flagged);
        hint.done();
        Console.log(err, String.format(Locale.ROOT, "rendered %d frames (%s, %.0f fps, %.1f s of video) in %s -> %s",
                r.frames(), rs.size(), rs.fps(), r.frames() / rs.fps(), ProgressBar.duration(r.seconds()), r.video()));
        Console.log(err, String.format(Locale.ROOT, "frame change vs step size: Spearman %.2f; palette colourfulness %.3f at the "
                + "first snapshot, %.3f at the last", r.spearman(), r.colourfulnessFirst(), r.colourfulnessLast()));
        Console.log(err, flagged.anomalies().isEmpty() ? "no anomalies above the default thresholds (bloom inspect " + dir + ")"
                : flagged.anomalies().size() + " anomalies flagged, the first at batch " + flagged.anomalies().get(0).batch()
                + ": see " + dir.resolve(Inspection.ANOMALIES) + " or bloom inspect " + dir);
        spec.commandLine().getOut().println(r.video());
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(TrainStage.Outcome t, RenderJob.Result r, RenderSettings rs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", t.steps());
        m.put("epochsCompleted", t.epochs());
        m.put("bleu", Json.finite(t.bleu()));
        m.put("testSentences", t.testSentences());
        m.put("secondsPerStep", Json.finite(t.secondsPerStep()));
        m.put("trainingSeconds", Json.finite(t.seconds()));
        m.put("video", r.video().getFileName().toString());
        m.put("frames", r.frames());
        m.put("size", rs.size().toString());
        m.put("fps", rs.fps());
        m.put("renderSeconds", r.seconds());
        m.put("frameChangeSpearman", Json.finite(r.spearman()));
        m.put("paletteColourfulnessFirst", Json.finite(r.colourfulnessFirst()));
        m.put("paletteColourfulnessLast", Json.finite(r.colourfulnessLast()));
        return m;
    }

    /** The render thread's failure once it has ended, or null if it succeeded. */
    private static Throwable failure(Future<?> rendering) throws InterruptedException {
        try {
            rendering.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        return t instanceof Exception ex ? ex : new IllegalStateException(t);
    }
}

package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.console.ProgressBar;
import bloom.cli.console.ResumeHint;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.Options;
import bloom.cli.option.RenderOptions;
import bloom.film.Genomes;
import bloom.film.RenderJob;
import bloom.film.RenderRequest;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.flame.render.Renderer;
import bloom.flame.xml.FlameXml;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Render a recorded run again, without retraining: another base flame, size, quality or palette.",
                "",
                "Options not given default to the run's own (from RUN/config.properties). The video goes to RUN/run.mp4 "
                        + "if the run has none yet, otherwise to the next free RUN/render-N.mp4; its frame index goes "
                        + "beside it. An interrupted render resumes at its last finished segment.",
                ""},
        footer = {"", "Examples:",
                "  bloom render runs/run-20261123-101500 --genome lattice",
                "  bloom render runs/long --size 1920x1080 --quality 500 --oversample 2 -o runs/long/gallery.mp4",
                "  bloom render runs/long --spark local[2] --threads 1",
                "  bloom render /shared/runs/long --spark spark://render-head:7077 --size 1920x1080 --quality 1000 --threads 2",
                "", "A cluster: see the README's 'Rendering on Apache Spark'."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory made by 'bloom run', 'bloom train' or a network's BloomHook.")
    Path run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.mp4", order = 0,
            description = "Where to write the video (default: RUN/run.mp4, or RUN/render-N.mp4 if that exists).")
    Path output;

    @Option(names = "--spark", paramLabel = "MASTER", order = 1,
            description = {"Render on Apache Spark: local[N] (N cores here) or spark://HOST:PORT (a standalone cluster "
                    + "whose workers reach RUN by the same path, e.g. a shared file system). One task per video "
                    + "segment (--segment-frames), each with --threads rendering threads; the same film, frame for "
                    + "frame, as without --spark. An interrupted render resumes with the missing segments only. "
                    + "Spark settings go in as -Dspark.NAME=VALUE in BLOOM_JAVA_OPTS."})
    String spark;

    @Mixin
    CommonOptions common;

    @Mixin
    RenderOptions render;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        RenderSettings rs = render.settings(common.seed);
        if (spark == null) {
            rs.checkMemory(Genomes.load(rs.genome(), rs.genomeIndex(), w -> Console.log(spec.commandLine().getErr(), "warning: " + w))); // on Spark, each executor's heap is what counts
        }
        if (!Files.isWritable(run)) {
            return render(err, rs); // a read-only run (another user's, a mounted archive): no process can change it
        }
        try (RunLock lock = RunLock.acquire(run, "bloom render")) {
            return render(err, rs);
        }
    }

    private Integer render(PrintWriter err, RenderSettings rs) throws Exception {
        Path video = output != null ? output : defaultOutput(run);
        if (!video.getFileName().toString().endsWith(".mp4")) {
            throw BloomException.usage("--output " + video + ": expected a file name ending in .mp4");
        }
        if (Files.exists(video) && !Files.exists(video.resolveSibling(RenderJob.stem(video) + ".segments"))) {
            throw BloomException.usage("--output " + video + ": exists; choose another name (nothing is overwritten)");
        }
        if (video.toAbsolutePath().getParent() != null) {
            Files.createDirectories(video.toAbsolutePath().getParent());
        }
        ResumeHint hint = ResumeHint.install(err, "bloom render " + run + " -o " + video + (spark == null ? "" : " --spark " + spark));
        if (spark != null) {
            return renderOnSpark(err, rs, video, hint);
        }
        Renderer renderer = device.open(err);
        RenderJob.Result r;
        try {
            r = new RenderJob(run, rs, video, renderer).run(new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        hint.done();
        Console.log(err, String.format(Locale.ROOT, "rendered %d frames (%s, %.0f fps) in %s -> %s; frame index %s",
                r.frames(), rs.size(), rs.fps(), ProgressBar.duration(r.seconds()), r.video(), r.index()));
        Console.log(err, String.format(Locale.ROOT, "frame change vs step size: Spearman %.2f", r.spearman()));
        spec.commandLine().getOut().println(r.video());
        return ExitCodes.OK;
    }

    private Integer renderOnSpark(PrintWriter err, RenderSettings rs, Path video, ResumeHint hint) throws Exception {
        RenderRequest request = new RenderRequest(run.toAbsolutePath().toString(), video.toAbsolutePath().toString(), rs,
                FlameXml.toXml(Genomes.load(rs.genome(), rs.genomeIndex())), device.device.name());
        JsonNode r = SparkDriver.render(request, spark, err);
        hint.done();
        Console.log(err, String.format(Locale.ROOT, "rendered %d frames (%s, %.0f fps) on %s: %d of %d segments in %s, "
                        + "joined in %.1f s -> %s; frame index %s", r.path("frames").asInt(), rs.size(), rs.fps(), spark,
                r.path("segmentsRendered").asInt(), r.path("segments").asInt(), ProgressBar.duration(r.path("jobSeconds").asDouble()),
                r.path("joinSeconds").asDouble(), r.path("video").asText(), r.path("index").asText()));
        JsonNode tasks = r.path("tasks");
        if (tasks.size() > 0) {
            double[] plan = new double[tasks.size()];
            double[] render = new double[tasks.size()];
            for (int i = 0; i < tasks.size(); i++) {
                plan[i] = tasks.get(i).path("planSeconds").asDouble();
                render[i] = tasks.get(i).path("renderSeconds").asDouble();
            }
            Console.log(err, String.format(Locale.ROOT, "%d tasks: planning (trace read, frame plan) median %.2f s, "
                            + "rendering and encoding median %.2f s a segment, %.1f s in all; %d failed attempt%s run again",
                    tasks.size(), bloom.film.Stats.median(plan), bloom.film.Stats.median(render),
                    java.util.Arrays.stream(render).sum(),
                    r.path("failedAttempts").asInt(), r.path("failedAttempts").asInt() == 1 ? "" : "s"));
        }
        Console.log(err, String.format(Locale.ROOT, "frame change vs step size: Spearman %.2f", r.path("spearman").asDouble(Double.NaN)));
        spec.commandLine().getOut().println(r.path("video").asText());
        return ExitCodes.OK;
    }

    static Path defaultOutput(Path run) {
        Path first = run.resolve(RunDirectory.VIDEO);
        if (!Files.exists(first) || Files.exists(run.resolve("run.segments"))) {
            return first;
        }
        for (int i = 2; ; i++) {
            Path p = run.resolve("render-" + i + ".mp4");
            if (!Files.exists(p) || Files.exists(run.resolve("render-" + i + ".segments"))) {
                return p;
            }
        }
    }
}

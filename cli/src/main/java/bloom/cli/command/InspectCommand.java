package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.Sparklines;
import bloom.film.Inspection;
import bloom.film.RunDirectory;
import bloom.film.Anomalies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Find the batches worth looking at in a run: exploding gradients, loss spikes, steps far from the "
                        + "healthy update:parameter ratio, sudden image changes, jitter.",
                "",
                "Reads RUN/trace.bin (and RUN/frames.json when the run was rendered), writes RUN/anomalies.json "
                        + "(batch, frame, rule, value, score per flag) and prints the flags with a sparkline of each "
                        + "series (each column keeps its bucket's minimum and maximum, so no spike is hidden).",
                ""},
        footer = {"", "Examples:",
                "  bloom inspect runs/run-20261123-101500",
                "  bloom inspect runs/exploded --grad-z 4 --loss-z 4"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "25",
            description = "Batches before spikes are judged (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--grad-z", paramLabel = "Z", defaultValue = "6",
            description = "Gradient-norm spike: z-score of log norm against its moving statistics (default: ${DEFAULT-VALUE}).")
    double gradZ;

    @Option(names = "--update-z", paramLabel = "Z", defaultValue = "6",
            description = "Update-norm spike, likewise (default: ${DEFAULT-VALUE}).")
    double updateZ;

    @Option(names = "--loss-z", paramLabel = "Z", defaultValue = "5",
            description = "Loss spike: z-score of log loss against its moving statistics (default: ${DEFAULT-VALUE}).")
    double lossZ;

    @Option(names = "--ratio-band", paramLabel = "LOW,HIGH", defaultValue = "1e-5,1e-1", split = ",",
            description = "Healthy update:parameter ratios; outside is flagged (default: ${DEFAULT-VALUE}).")
    double[] ratioBand;

    @Option(names = "--change-z", paramLabel = "Z", defaultValue = "8",
            description = "Frame-change spike: z-score of log image change (default: ${DEFAULT-VALUE}).")
    double changeZ;

    @Option(names = "--jitter-cosine", paramLabel = "C", defaultValue = "-0.2",
            description = "Consecutive steps with sketches at a cosine below C oppose each other (default: ${DEFAULT-VALUE}).")
    double jitterCosine;

    @Option(names = "--jitter-length", paramLabel = "N", defaultValue = "12",
            description = "Opposing steps in a row that make a jitter range (default: ${DEFAULT-VALUE}).")
    int jitterLength;

    @Override
    public Integer call() throws Exception {
        RunDirectory.requireRun(run);
        if (ratioBand.length != 2) {
            throw BloomException.usage("--ratio-band: expected LOW,HIGH, e.g. 1e-5,1e-1");
        }
        Anomalies.Settings settings;
        try {
            settings = new Anomalies.Settings(warmup, Anomalies.Settings.DEFAULT.decay(), gradZ, updateZ, lossZ,
                    ratioBand[0], ratioBand[1], changeZ, jitterCosine, jitterLength);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        Inspection.Result r = Inspection.analyse(run, settings, m -> Console.log(spec.commandLine().getErr(), m));
        Inspection.write(run, r);
        PrintWriter out = spec.commandLine().getOut();
        Sparklines.print(out, r);
        out.flush();
        Console.log(spec.commandLine().getErr(), r.anomalies().size() + " flag" + (r.anomalies().size() == 1 ? "" : "s")
                + " over " + r.steps().size() + " batches -> " + run.resolve(Inspection.ANOMALIES));
        return ExitCodes.OK;
    }
}

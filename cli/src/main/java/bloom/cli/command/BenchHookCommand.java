package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ProgressBar;
import bloom.nmt.bench.GeneratedModel;
import bloom.nmt.bench.HookRace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "hook", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Measure what the training hook costs a network of a given kind and size: a generated model is "
                        + "trained on generated data with and without the hook, in alternating blocks so that drift "
                        + "in machine load hits both alike, and the median times per minibatch are compared. The "
                        + "hook's own time inside its callbacks is printed too (an inner-loop figure), and each "
                        + "row is judged against the budget: 5% of the step, or 1 ms plus 1 ns per parameter, "
                        + "whichever is larger.",
                "",
                "Example: bloom bench hook --model mlp,cnn --params 5k,1M,50M",
                ""})
public final class BenchHookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "mlp|cnn|translator", split = ",", defaultValue = "mlp",
            description = "Kinds of network, comma-separated: mlp (MultiLayerNetwork, 2 hidden layers), cnn "
                    + "(ComputationGraph, 2 convolutions and 2 dense layers), translator (the network bloom run trains) "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--params", paramLabel = "N", split = ",", defaultValue = "1M",
            description = "Parameter counts to size each model to, comma-separated; k and M multiply by a thousand "
                    + "and a million (default: ${DEFAULT-VALUE}).")
    List<String> params;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "60",
            description = "Minibatches timed with the hook, and as many without, per row (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--block", paramLabel = "N", defaultValue = "5",
            description = "Minibatches per alternating block (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--sketch-dims", paramLabel = "N", defaultValue = "64",
            description = "Dimensions of the update sketch, as in a run (default: ${DEFAULT-VALUE}).")
    int sketchDims;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "10",
            description = "Embedding snapshot interval, as in a run (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (batches < block || block < 1) {
            throw BloomException.usage("--batches must be at least --block, and --block at least 1");
        }
        if (sketchDims < 1 || sketchDims > 4096) {
            throw BloomException.usage("--sketch-dims " + sketchDims + ": expected 1 to 4096");
        }
        if (snapshotEvery < 1) {
            throw BloomException.usage("--snapshot-every " + snapshotEvery + ": expected 1 or more");
        }
        List<GeneratedModel.Kind> kinds = new ArrayList<>();
        for (String m : models) {
            try {
                kinds.add(GeneratedModel.Kind.valueOf(m.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw BloomException.usage("--model " + m + ": expected mlp, cnn or translator");
            }
        }
        List<Long> sizes = new ArrayList<>();
        for (String p : params) {
            sizes.add(count(p));
        }
        List<HookRace.Result> results = new ArrayList<>();
        for (GeneratedModel.Kind kind : kinds) {
            for (long size : sizes) {
                ProgressBar bar = ProgressBar.stderr(kind.label() + " " + p(size), 2L * batches, "batches");
                HookRace.Result r = HookRace.run(kind, size, batches, block, sketchDims, snapshotEvery,
                        m -> Console.log(err, m), done -> bar.update(done, ""));
                bar.finish("");
                results.add(r);
            }
        }
        out.printf(Locale.ROOT, "%-11s %11s %13s %13s %13s %9s %12s %11s  %s%n", "model", "parameters", "step without",
                "step with", "hook's own", "overhead", "hook ns/par", "budget", "verdict");
        boolean all = true;
        for (HookRace.Result r : results) {
            all &= r.withinBudget();
            out.printf(Locale.ROOT, "%-11s %,11d %10.2f ms %10.2f ms %10.3f ms %+8.1f%% %12.2f %8.2f ms  %s%n", r.model(),
                    r.parameters(), r.withoutSeconds() * 1e3, r.withSeconds() * 1e3, r.hookSeconds() * 1e3,
                    (r.ratio() - 1) * 100, r.hookSeconds() * 1e9 / r.parameters(), r.budgetSeconds() * 1e3,
                    r.withinBudget() ? "within budget"
                            : r.hookSeconds() <= r.budgetSeconds() ? "over by the medians' difference only: noise? rerun with more --batches"
                            : "OVER BUDGET");
        }
        out.printf(Locale.ROOT, "medians of %d minibatches each way, in blocks of %d; hook's own = time inside its callbacks "
                + "(inner loop); budget = max(5%% of the step, 1 ms + 1 ns per parameter)%n", batches, block);
        out.flush();
        return all ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    static long count(String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        long factor = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            factor = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M") || t.endsWith("m")) {
            factor = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * factor;
            if (!(v >= 1000 && v <= 500_000_000)) {
                throw BloomException.usage("--params " + text + ": expected 1k to 500M parameters");
            }
            return (long) v;
        } catch (NumberFormatException e) {
            throw BloomException.usage("--params " + text + ": expected a count such as 5000, 250k or 50M");
        }
    }

    private static String p(long n) {
        return n >= 1_000_000 ? (n / 1_000_000) + "M" : n >= 1000 ? (n / 1000) + "k" : Long.toString(n);
    }
}

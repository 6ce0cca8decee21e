package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ProgressBar;
import bloom.cli.option.TrainingOptions;
import bloom.cli.option.TrainingSettings;
import bloom.film.RenderJob;
import bloom.nmt.bench.TrainRace;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.model.Seq2SeqConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Race Bloom's translator against the same network in PyTorch (Debian's python3-torch), on the same "
                        + "minibatches of the embedded corpus, from the same initial parameters.",
                "",
                "Bloom trains with its hook recording every step, as in a run. The reference is a script shipped in "
                        + "Bloom's jar (train_reference.py). For each thread count it prints the median seconds per "
                        + "minibatch of both and their ratio, and the two loss curves side by side. Bloom trains on "
                        + "one thread (the other cores render), so 'all' changes only PyTorch's threads. "
                        + "python3-torch is installed with apt-get when it is missing and Bloom runs as root on Debian.",
                ""},
        footer = {"", "Examples:",
                "  bloom bench train                      # 200 minibatches, 1 thread and all threads",
                "  bloom bench train --batches 1500 --threads 1",
                "  bloom bench train --optimizer adam --dl4j   # also the DL4J graph Bloom trained with before"})
public final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "200",
            description = "Minibatches each contender trains (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--threads", paramLabel = "LIST", defaultValue = "1,all", split = ",",
            description = "Thread counts for the reference: numbers or 'all' (default: ${DEFAULT-VALUE}).")
    List<String> threads;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + Seq2SeqConfig.DEFAULT_HIDDEN,
            description = "LSTM units per layer and direction (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "sgd", description = "(default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "R",
            description = "Step size (default: 0.1 for sgd, 0.005 for adam).")
    Double learningRate;

    @Option(names = "--dl4j", description = "Also time the DL4J ComputationGraph of the same network (slow).")
    boolean dl4j;

    @Option(names = "--python", paramLabel = "FILE", defaultValue = "/usr/bin/python3",
            description = "The Python with PyTorch (default: ${DEFAULT-VALUE}).")
    Path python;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (batches < 10) {
            throw BloomException.usage("--batches " + batches + ": expected at least 10");
        }
        List<Integer> counts = new ArrayList<>();
        for (String t : threads) {
            counts.add(threadCount(t));
        }
        ensureTorch(err);
        Seq2SeqConfig.Optimizer opt = TrainingSettings.optimizer(optimizer);
        double lr = learningRate != null ? learningRate : TrainingOptions.defaultLearningRate(opt);
        Seq2SeqConfig model = new Seq2SeqConfig(Seq2SeqConfig.DEFAULT_EMBEDDING, hidden, opt, lr, 5, 7);
        Console.log(err, "preparing the embedded corpus (40,000 pairs, 256 byte-pair merges) and " + batches + " minibatches of 64");
        TrainRace.Data data = TrainRace.prepare(SyntheticCorpus.generate(7), model, 256, 80, 64, batches, 7);
        Path dir = Files.createTempDirectory("bloom-bench-train");
        try {
            Path input = dir.resolve("batches.bin");
            TrainRace.writeReferenceInput(data, input);
            List<TrainRace.Run[]> rows = new ArrayList<>();
            TrainRace.Run bloomRun = null;
            for (int n : counts) {
                if (bloomRun == null || n == 1) {
                    ProgressBar bar = ProgressBar.stderr("Bloom", batches, "batches");
                    bloomRun = TrainRace.bloom(data, dir, i -> bar.update(i, ""));
                    bar.finish("");
                }
                ProgressBar bar = ProgressBar.stderr("PyTorch " + n + "t", batches, "batches");
                TrainRace.Run ref;
                try {
                    ref = TrainRace.reference(python, input, batches, n, dir, i -> bar.update(i, ""));
                } catch (IOException e) {
                    throw BloomException.unavailable(e.getMessage());
                }
                bar.finish("");
                rows.add(new TrainRace.Run[] {bloomRun, ref});
            }
            TrainRace.Run dl4jRun = null;
            if (dl4j) {
                ProgressBar bar = ProgressBar.stderr("DL4J graph", batches, "batches");
                dl4jRun = TrainRace.dl4j(data, dir, 1, i -> bar.update(i, ""));
                bar.finish("");
            }
            report(out, data, rows, dl4jRun);
        } finally {
            RenderJob.deleteTree(dir);
        }
        return ExitCodes.OK;
    }

    private void report(PrintWriter out, TrainRace.Data data, List<TrainRace.Run[]> rows, TrainRace.Run dl4jRun) {
        out.printf(Locale.ROOT, "translator: %s, hidden %d, %d minibatches of 64, %s at learning rate %s; Bloom's hook on%n",
                "embeddings 64", data.model().hiddenSize(), data.batches().size(),
                data.model().optimizer().name().toLowerCase(Locale.ROOT), data.model().learningRate());
        out.printf(Locale.ROOT, "%-10s %14s %14s %8s%n", "threads", "Bloom s/batch", "PyTorch s/batch", "ratio");
        for (TrainRace.Run[] r : rows) {
            out.printf(Locale.ROOT, "%-10d %14.4f %14.4f %8.2f%n", r[1].threads(), r[0].medianSeconds(), r[1].medianSeconds(),
                    r[0].medianSeconds() / r[1].medianSeconds());
        }
        if (dl4jRun != null) {
            out.printf(Locale.ROOT, "DL4J graph (the translator before), 1 thread: %.4f s/batch, %.2f x PyTorch's 1-thread%n",
                    dl4jRun.medianSeconds(), dl4jRun.medianSeconds() / rows.get(0)[1].medianSeconds());
        }
        out.println("PyTorch's BLAS: " + rows.get(0)[1].blas());
        TrainRace.Run bloom = rows.get(0)[0];
        TrainRace.Run torch = rows.get(0)[1];
        int n = bloom.losses().length;
        int span = Math.max(1, n / 20);
        out.printf(Locale.ROOT, "loss, mean over %d minibatches (%s)%n", span, "same batches, same initial parameters");
        out.printf(Locale.ROOT, "%-12s %10s %10s%s%n", "minibatches", "Bloom", "PyTorch", dl4jRun != null ? String.format("%10s", "DL4J") : "");
        int[] at = {0, n / 10, n / 4, n / 2, 3 * n / 4, n - span};
        for (int start : at) {
            int s = Math.min(Math.max(0, start), n - span);
            out.printf(Locale.ROOT, "%5d-%-6d %10.2f %10.2f%s%n", s + 1, s + span, mean(bloom.losses(), s, span),
                    mean(torch.losses(), s, span),
                    dl4jRun != null ? String.format(Locale.ROOT, "%10.2f", mean(dl4jRun.losses(), s, span)) : "");
        }
        double worst = 0;
        for (int i = 0; i < Math.min(10, n); i++) {
            worst = Math.max(worst, Math.abs(bloom.losses()[i] - torch.losses()[i]) / Math.abs(torch.losses()[i]));
        }
        out.printf(Locale.ROOT, "largest relative loss difference Bloom/PyTorch over the first 10 minibatches: %.2e%n", worst);
        out.flush();
    }

    private static double mean(double[] v, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += v[i];
        }
        return s / n;
    }

    private static int threadCount(String t) {
        if (t.equals("all")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw BloomException.usage("--threads " + t + ": expected a positive number or 'all'");
    }

    /** Installs Debian's python3-torch when PyTorch is missing and this is root on Debian; else one line saying how. */
    private void ensureTorch(PrintWriter err) throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            throw BloomException.unavailable("--python " + python + ": not an executable (Debian: apt-get install python3-torch)");
        }
        boolean openblas = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"));
        if (run(List.of(python.toString(), "-c", "import torch")) == 0 && openblas) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get")) || !python.equals(Path.of("/usr/bin/python3"))) {
            throw BloomException.unavailable(python + " has no PyTorch with an optimised BLAS: install it "
                    + "(Debian: apt-get install python3-torch libopenblas0-pthread)");
        }
        Console.log(err, "PyTorch or OpenBLAS is missing: apt-get install python3-torch libopenblas0-pthread "
                + "(about 1 GB with its dependencies; without OpenBLAS, Debian's PyTorch multiplies with the "
                + "reference BLAS, several times slower)");
        run(List.of("apt-get", "update", "-q"));
        int rc = run(List.of("apt-get", "install", "-y", "-q", "python3-torch", "libopenblas0-pthread"));
        if (rc != 0 || run(List.of(python.toString(), "-c", "import torch")) != 0) {
            throw BloomException.unavailable("apt-get install python3-torch failed (exit code " + rc + "); install it by hand");
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return pb.start().waitFor();
    }
}

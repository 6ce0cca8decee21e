package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.film.ControlInbox;
import bloom.film.RunDirectory;
import bloom.film.RunLock;
import bloom.trace.Event;
import bloom.trace.Trace;
import bloom.trace.TraceTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "control", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Steer a running training (bloom run or bloom train) from the command line.",
                "",
                "Controls take effect between two minibatches, in the order given; each one that does is written to "
                        + "the trace as an event at its batch, so inspect, the report, the contact sheet, the live page "
                        + "and captioned films show it. Waits until the trainer has taken every control and prints "
                        + "the batch where each took effect.",
                "",
                "CONTROL is one of:",
                "  pause              training waits (the renderer catches up)",
                "  resume             training goes on",
                "  lr=RATE            the optimizer's learning rate from the next minibatch on (kept on resume)",
                "  mark=TEXT          a named mark on the current batch",
                "  inject=FAULT       lr-spike, corrupt-batch or nan on the next minibatch (for demonstrations)",
                "  stop               stop gracefully: a checkpoint is written and the film is finished",
                ""},
        footer = {"", "Examples:",
                "  bloom control runs/run-20261202-101500 pause",
                "  bloom control runs/run-20261202-101500 lr=0.0005 mark=\"lowered the rate\" resume",
                "  bloom control runs/run-20261202-101500 stop"})
public final class ControlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run directory being trained.")
    Path run;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CONTROL", description = "What to do (see above).")
    List<String> controls;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the trainer to take the controls; 0 sends without waiting (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<ControlInbox.Request> requests = new ArrayList<>();
        for (String c : controls) {
            try {
                requests.add(ControlInbox.parse(c));
            } catch (IllegalArgumentException e) {
                throw BloomException.usage(e.getMessage());
            }
        }
        if (waitSeconds < 0) {
            throw BloomException.usage("--wait " + waitSeconds + ": expected 0 or more seconds");
        }
        RunDirectory.requireRun(run);
        if (RunLock.holder(run) == null) {
            throw BloomException.unavailable(run + ": no training is running there (start or resume it with bloom run "
                    + "--out " + run + ", then steer it)");
        }
        if (Files.exists(run.resolve(RunDirectory.TRAINING))) {
            throw BloomException.unavailable(run + ": training has finished (only the film is being made)");
        }
        TraceTail tail = new TraceTail(run.resolve(Trace.FILE));
        tail.poll(); // what is recorded already
        for (ControlInbox.Request r : requests) {
            ControlInbox.submit(run, r);
        }
        if (waitSeconds == 0) {
            Console.log(err, "sent " + requests.size() + " control" + (requests.size() == 1 ? "" : "s"));
            return ExitCodes.OK;
        }
        // The trainer empties the inbox between minibatches and writes an event for each control that changed something.
        long deadline = System.nanoTime() + (long) (waitSeconds * 1e9);
        int taken = 0;
        while (waiting(run) && System.nanoTime() < deadline) {
            taken += printEvents(tail);
            Thread.sleep(100);
        }
        if (waiting(run)) {
            throw BloomException.unavailable(run + ": the trainer has not taken the controls within " + waitSeconds
                    + " s (is it stuck in a long evaluation?); they stay queued");
        }
        Thread.sleep(300); // the events follow the hand-over at once
        taken += printEvents(tail);
        if (taken < requests.size()) {
            Console.log(err, (requests.size() - taken) + " of the controls changed nothing (a pause while paused, "
                    + "a resume while running, or a value the trainer refused)");
        }
        return ExitCodes.OK;
    }

    private static boolean waiting(Path run) throws IOException {
        Path inbox = run.resolve(ControlInbox.DIR);
        if (!Files.isDirectory(inbox)) {
            return false;
        }
        try (var s = Files.list(inbox)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".control"));
        }
    }

    private int printEvents(TraceTail tail) {
        int n = 0;
        for (Object o : poll(tail)) {
            if (o instanceof Event e) {
                spec.commandLine().getOut().println(e.describe());
                n++;
            }
        }
        return n;
    }

    private static List<Object> poll(TraceTail tail) {
        try {
            return tail.poll();
        } catch (IOException e) {
            return List.of();
        }
    }
}

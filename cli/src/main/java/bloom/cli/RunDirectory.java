package bloom.cli;

import bloom.film.Json;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * One run's directory and what is in it:
 * <pre>
 * config.properties   the options that made it (a valid --config file)
 * trace.bin           every minibatch: loss, norms, step sketch; embedding snapshots
 * bpe.codes, vocab.*  the subword model and vocabularies
 * checkpoint/         model and optimizer state to resume from
 * training.json       what training reported: steps, BLEU, time per step
 * translations.tsv    the test sentences, their references and the model's translations
 * run.mp4, frames.json  the video and its frame index (frame -> step, loss, norms, change, genome)
 * summary.json        the run's figures
 * bloom.lock          held by the process working on it (see {@link RunLock})
 * </pre>
 * A directory is never overwritten silently: an unfinished run is resumed, a finished one is
 * refused, and a directory that is not a run is refused.
 */
final class RunDirectory {

    static final String CONFIG = "config.properties";
    static final String TRAINING = "training.json";
    static final String SUMMARY = "summary.json";
    static final String VIDEO = "run.mp4";

    enum State { NEW, RESUMABLE, FINISHED }

    private RunDirectory() {}

    /** runs/run-YYYYMMDD-HHMMSS under the working directory, with a suffix if taken. */
    static Path fresh() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("runs", "run-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("runs", "run-" + stamp + "-" + i);
        }
        return dir;
    }

    /** What {@code dir} holds, judged by {@code finishedMarker} (summary.json for run, training.json for train). */
    static State inspect(Path dir, String finishedMarker) {
        if (!Files.exists(dir)) {
            return State.NEW;
        }
        if (!Files.isDirectory(dir)) {
            throw BloomException.usage("--out " + dir + ": exists and is not a directory");
        }
        if (Files.exists(dir.resolve(CONFIG))) {
            return Files.exists(dir.resolve(finishedMarker)) ? State.FINISHED : State.RESUMABLE;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.noneMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                return State.NEW;
            }
        } catch (IOException e) {
            throw new BloomException(ExitCodes.IO, dir + ": cannot list (" + e.getMessage() + ")");
        }
        throw BloomException.usage("--out " + dir + ": exists, is not empty and holds no Bloom run (no " + CONFIG
                + "); choose another directory");
    }

    /**
     * Opens the directory a run-making command ({@code run}, {@code train}) works in: the given
     * one or a fresh one; a finished run (judged by {@code finishedMarker}) or a foreign directory
     * is refused, a new run records its options, an unfinished one is resumed. The directory
     * stays locked against other processes until the returned lock is closed.
     */
    static RunLock open(Path out, String finishedMarker, CommandSpec spec, PrintWriter err) throws IOException {
        Path dir = out != null ? out : fresh();
        String command = spec.qualifiedName();
        refuseFinished(dir, inspect(dir, finishedMarker));
        Files.createDirectories(dir);
        RunLock lock = RunLock.acquire(dir, command);
        try {
            State state = inspect(dir, finishedMarker); // again, now that no other process can change it
            refuseFinished(dir, state);
            if (state == State.NEW) {
                ConfigFile.write(dir.resolve(CONFIG), command + ": the options of this run\nrepeat it with: " + command
                        + " --config " + dir.resolve(CONFIG), Options.values(spec));
                RunCommand.log(err, "run directory " + dir);
            } else {
                RunCommand.log(err, "resuming the run in " + dir);
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void refuseFinished(Path dir, State state) {
        if (state == State.FINISHED) {
            throw BloomException.usage("--out " + dir + ": holds a finished run; render it with 'bloom render "
                    + dir + "' or choose another --out");
        }
    }

    /**
     * The run's trace, saying what reading it had to skip: each damaged record (its offset and
     * step), a cut tail, and a step count that differs from what training.json records.
     */
    static bloom.trace.Trace readTrace(Path run, java.util.function.Consumer<String> log) throws IOException {
        Path file = run.resolve(bloom.nmt.train.Trainer.TRACE);
        bloom.trace.Trace t = bloom.trace.Trace.read(file);
        for (bloom.trace.Trace.Damage d : t.damaged()) {
            log.accept(file + ": damaged " + d.describe() + ", " + d.length()
                    + " bytes: skipped; every other record is read");
        }
        Path training = run.resolve(TRAINING);
        if (Files.exists(training)) {
            long recorded;
            try {
                recorded = Json.read(training).path("steps").asLong(-1);
            } catch (IOException e) {
                recorded = -1;
            }
            if (recorded >= 0 && recorded != t.steps().size()) {
                log.accept(file + ": holds " + t.steps().size() + " of the " + recorded
                        + " minibatches " + TRAINING + " records" + (t.damaged().isEmpty() ? "" : " (damaged records skipped)")
                        + "; the missing ones are left out");
            }
        } else if (t.damagedTail() > 0) {
            log.accept(file + ": the last " + t.damagedTail()
                    + " bytes are an unfinished record (training was stopped while writing it)");
        }
        return t;
    }

    /** A run directory to read: it must hold a trace. */
    static Path requireRun(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw BloomException.usage(dir + ": no such run directory");
        }
        if (!Files.exists(dir.resolve(bloom.nmt.train.Trainer.TRACE))) {
            throw BloomException.usage(dir + ": not a Bloom run directory (no " + bloom.nmt.train.Trainer.TRACE + ")");
        }
        return dir;
    }
}

package bloom.film;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * The commands that make runs (train, run) open and lock it; everything that reads a run (render,
 * inspect, report, a cluster task) starts at {@link #requireRun} and {@link #readTrace}.
 */
public final class RunDirectory {

    public static final String CONFIG = "config.properties";
    public static final String TRAINING = "training.json";
    public static final String SUMMARY = "summary.json";
    public static final String VIDEO = "run.mp4";

    private RunDirectory() {}

    /**
     * The run's trace, saying what reading it had to skip: each damaged record (its offset and
     * step), a cut tail, and a step count that differs from what training.json records.
     */
    public static bloom.trace.Trace readTrace(Path run, java.util.function.Consumer<String> log) throws IOException {
        Path file = run.resolve(bloom.trace.Trace.FILE);
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
    public static Path requireRun(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw FilmException.usage(dir + ": no such run directory");
        }
        if (!Files.exists(dir.resolve(bloom.trace.Trace.FILE))) {
            throw FilmException.usage(dir + ": not a Bloom run directory (no " + bloom.trace.Trace.FILE + ")");
        }
        return dir;
    }
}

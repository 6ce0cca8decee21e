package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.option.ConfigFile;
import bloom.cli.option.Options;
import bloom.film.RunDirectory;
import bloom.film.RunLock;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Opens the run directory of a command that makes a run ({@code run}, {@code train}): the one
 * given or a fresh {@code runs/run-<time>}. A directory is never overwritten silently: an
 * unfinished run is resumed, a finished one is refused, and a directory that is not a run is
 * refused. (What a run directory holds: {@link RunDirectory}.)
 */
public final class RunOpener {

    public enum State { NEW, RESUMABLE, FINISHED }

    private RunOpener() {}

    /** runs/run-YYYYMMDD-HHMMSS under the working directory, with a suffix if taken. */
    public static Path fresh() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("runs", "run-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("runs", "run-" + stamp + "-" + i);
        }
        return dir;
    }

    /** What {@code dir} holds, judged by {@code finishedMarker} (summary.json for run, training.json for train). */
    public static State inspect(Path dir, String finishedMarker) {
        if (!Files.exists(dir)) {
            return State.NEW;
        }
        if (!Files.isDirectory(dir)) {
            throw BloomException.usage("--out " + dir + ": exists and is not a directory");
        }
        if (Files.exists(dir.resolve(RunDirectory.CONFIG))) {
            return Files.exists(dir.resolve(finishedMarker)) ? State.FINISHED : State.RESUMABLE;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.noneMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                return State.NEW;
            }
        } catch (IOException e) {
            throw new BloomException(ExitCodes.IO, dir + ": cannot list (" + e.getMessage() + ")");
        }
        throw BloomException.usage("--out " + dir + ": exists, is not empty and holds no Bloom run (no " + RunDirectory.CONFIG
                + "); choose another directory");
    }

    /**
     * Opens the directory a run-making command ({@code run}, {@code train}) works in: the given
     * one or a fresh one; a finished run (judged by {@code finishedMarker}) or a foreign directory
     * is refused, a new run records its options, an unfinished one is resumed. The directory
     * stays locked against other processes until the returned lock is closed.
     */
    public static RunLock open(Path out, String finishedMarker, CommandSpec spec, PrintWriter err) throws IOException {
        Path dir = out != null ? out : fresh();
        String command = spec.qualifiedName();
        refuseFinished(dir, inspect(dir, finishedMarker));
        Files.createDirectories(dir);
        RunLock lock = RunLock.acquire(dir, command);
        try {
            State state = inspect(dir, finishedMarker); // again, now that no other process can change it
            refuseFinished(dir, state);
            if (state == State.NEW) {
                ConfigFile.write(dir.resolve(RunDirectory.CONFIG), command + ": the options of this run\nrepeat it with: " + command
                        + " --config " + dir.resolve(RunDirectory.CONFIG), Options.values(spec));
                Console.log(err, "run directory " + dir);
            } else {
                Console.log(err, "resuming the run in " + dir);
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
}

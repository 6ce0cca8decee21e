package bloom.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a command as a fresh process and measures what its user feels: the wall time from start to
 * exit, and the peak resident memory (VmHWM of /proc/PID/status) of the process and of every
 * process it starts, sampled every few milliseconds while it runs (a launcher script that starts
 * the JVM as a child is counted by the JVM's peak). Off Linux the memory is unknown (-1).
 */
final class ProcessMeter {

    /** Wall seconds and peak resident kilobytes (-1 when unknown) of one run. */
    record Measured(double seconds, long peakKb) {
        double peakMb() {
            return peakKb < 0 ? Double.NaN : peakKb / 1024.0;
        }
    }

    private ProcessMeter() {}

    /**
     * Runs {@code command} in {@code dir} with {@code env} added, its standard output and error to
     * {@code log}; fails with the log's last line when the exit status is not 0.
     */
    static Measured run(List<String> command, Map<String, String> env, Path dir, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        ProcessHandle h = p.toHandle();
        long peak = -1;
        List<Long> pids = List.of(h.pid());
        for (int polls = 0; !p.waitFor(POLL_MS, TimeUnit.MILLISECONDS); polls++) {
            if (polls % TREE_EVERY == 0) {
                pids = tree(h);
            }
            for (long pid : pids) {
                peak = Math.max(peak, vmHwm(pid));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + " (" + last + "; see " + log + ")");
        }
        return new Measured(seconds, peak);
    }

    /**
     * Milliseconds between two readings of the processes' high-water marks, and readings between
     * two looks for the process's descendants. A look reads every process of /proc (1.1 ms a call
     * here); done every 4 ms, with the readings, it took about a third of a core from the race,
     * from the racers' second threads and from the JIT of Bloom's JVM. The high-water mark is the
     * kernel's: a reading misses nothing that came before it.
     */
    static final int POLL_MS = 10, TREE_EVERY = 10;

    /** The pids of a process and its descendants now. */
    private static List<Long> tree(ProcessHandle h) {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(h.pid());
        try (Stream<ProcessHandle> d = h.descendants()) {
            d.forEach(c -> pids.add(c.pid()));
        }
        return pids;
    }

    /** VmHWM in kilobytes of /proc/PID/status, -1 if it cannot be read (gone, or not Linux). */
    static long vmHwm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just exited, or this is not Linux
        }
        return -1;
    }
}

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
        long peak = -1;
        while (!p.waitFor(4, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKb(p.toHandle()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + " (" + last + "; see " + log + ")");
        }
        return new Measured(seconds, peak);
    }

    /** The largest VmHWM of a process and its descendants now. */
    private static long peakKb(ProcessHandle h) {
        long best = vmHwm(h.pid());
        try (Stream<ProcessHandle> d = h.descendants()) {
            for (ProcessHandle c : (Iterable<ProcessHandle>) d::iterator) {
                best = Math.max(best, vmHwm(c.pid()));
            }
        }
        return best;
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

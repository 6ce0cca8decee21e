package bloom.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on this machine, started from the project's own files: a master and
 * workers in JVMs of their own, from Spark's launcher classes in target/spark-home/jars (the Maven
 * artifacts). Each worker starts its executors from that installation too.
 */
final class StandaloneCluster implements AutoCloseable {

    static final Path SPARK_HOME = Path.of("target", "spark-home").toAbsolutePath();
    static final Path RENDER_JAR = Path.of("target", "bloom-render.jar").toAbsolutePath();

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();
    final String master;

    private StandaloneCluster(Path dir, String master) {
        this.dir = dir;
        this.master = master;
    }

    /** A master and {@code workers} workers of {@code cores} cores each, all registered. */
    static StandaloneCluster start(Path dir, int workers, int cores) throws IOException, InterruptedException {
        if (!Files.isDirectory(SPARK_HOME.resolve("jars")) || !Files.isRegularFile(RENDER_JAR)) {
            throw new IllegalStateException(SPARK_HOME + " or " + RENDER_JAR + " is missing: the package phase builds them");
        }
        int port = freePort();
        StandaloneCluster c = new StandaloneCluster(dir, "spark://127.0.0.1:" + port);
        try {
            c.daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
                    "--webui-port", "" + freePort());
            c.await("master", "I have been elected leader", Duration.ofSeconds(90));
            for (int w = 1; w <= workers; w++) {
                c.daemon("worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "" + cores,
                        "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir", dir.resolve("work-" + w).toString(),
                        c.master);
            }
            for (int w = 1; w <= workers; w++) {
                c.await("worker-" + w, "Successfully registered with master", Duration.ofSeconds(90));
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void daemon(String name, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "@" + SPARK_HOME.resolve("java-options"), "-Xmx512m", "-cp", SPARK_HOME.resolve("jars") + "/*", main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        daemons.add(pb.start());
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private void await(String name, String line, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log(name)) && Files.readString(log(name)).contains(line)) {
                return;
            }
            for (Process p : daemons) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon ended (exit " + p.exitValue() + "):\n" + Files.readString(log(name)));
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not say '" + line + "' within " + timeout + ":\n"
                + (Files.exists(log(name)) ? Files.readString(log(name)) : "(no log)"));
    }

    /** The executor JVMs the workers started (for the application running now). */
    static List<ProcessHandle> executors() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(l -> l.contains("CoarseGrainedExecutorBackend")).orElse(false))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (ProcessHandle e : executors()) {
            e.destroyForcibly();
        }
        for (Process p : daemons) {
            p.destroy();
        }
        for (Process p : daemons) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}

package bloom.cli.command;

import bloom.cli.BloomException;
import bloom.cli.ExitCodes;
import bloom.cli.Main;
import bloom.cli.console.Console;
import bloom.film.FilmException;
import bloom.film.Json;
import bloom.film.RenderRequest;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Spark driver of a render ({@code bloom.spark.SparkRenderMain}) in a JVM of its own,
 * on the spark module's class path: the render-only jar and Spark's libraries, which so never
 * meet the training's (Jackson, Netty, Guava, Scala, SLF4J bindings). Its "bloom:" lines are
 * passed on; its outcome comes back as JSON.
 */
final class SparkDriver {

    private SparkDriver() {}

    /** Where this Bloom's render-only jar and Spark installation are (built by the spark module). */
    record Install(Path jar, Path sparkHome) {}

    static Install locate() {
        Path home;
        String property = System.getProperty("bloom.home");
        if (property != null) {
            home = Path.of(property);
        } else {
            try {
                // cli/target/bloom.jar or cli/target/classes -> the checkout
                Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                home = code.toAbsolutePath().getParent().getParent().getParent();
            } catch (URISyntaxException | RuntimeException e) {
                throw BloomException.unavailable("--spark: cannot tell where Bloom is installed; set -Dbloom.home=DIR");
            }
        }
        Path target = home.resolve("spark").resolve("target");
        Install i = new Install(target.resolve("bloom-render.jar"), target.resolve("spark-home"));
        if (!Files.isRegularFile(i.jar()) || !Files.isDirectory(i.sparkHome().resolve("jars"))) {
            throw BloomException.unavailable("--spark: the spark module is not built (no " + i.jar() + " and "
                    + i.sparkHome().resolve("jars") + "); build Bloom with: mvn -B install -DskipTests");
        }
        return i;
    }

    /** Renders {@code request} on {@code master}; returns the driver's outcome (see SparkRenderMain). */
    static JsonNode render(RenderRequest request, String master, PrintWriter err) throws IOException, InterruptedException {
        Install install = locate();
        Path work = Files.createTempDirectory("bloom-spark");
        try {
            Path req = work.resolve("request.bin");
            Path result = work.resolve("result.json");
            request.write(req);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("@" + install.sparkHome().resolve("java-options"));
            cmd.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith("spark.") || key.equals("bloom.debug")) {
                    cmd.add("-D" + key + "=" + System.getProperty(key)); // Spark's settings, e.g. -Dspark.speculation=true
                }
            }
            cmd.add("-cp");
            cmd.add(install.jar() + java.io.File.pathSeparator + install.sparkHome().resolve("jars") + "/*");
            cmd.add("bloom.spark.SparkRenderMain");
            cmd.add(req.toString());
            cmd.add(master);
            cmd.add(result.toString());
            if (!master.startsWith("local")) {
                cmd.add(install.jar().toAbsolutePath().toString()); // the executors load Bloom's classes from it
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("SPARK_HOME", install.sparkHome().toAbsolutePath().toString());
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("bloom: ")) {
                        Console.log(err, line.substring(7));
                    } else if (!line.isBlank()) {
                        err.println(bloom.cli.console.Text.printable(line)); // Spark's warnings and errors
                        err.flush();
                    }
                }
            } finally {
                if (p.isAlive()) {
                    p.destroy();
                }
            }
            int code = p.waitFor();
            if (!Files.exists(result)) {
                throw new BloomException(ExitCodes.SOFTWARE, "--spark: the Spark driver ended (exit " + code
                        + ") without a result; see the lines above");
            }
            JsonNode out = Json.read(result);
            if (!out.path("ok").asBoolean(false)) {
                String kind = out.path("kind").asText("SOFTWARE");
                String message = out.path("message").asText("the Spark driver failed");
                if (kind.equals("SOFTWARE")) {
                    throw new BloomException(ExitCodes.SOFTWARE, message);
                }
                throw new FilmException(FilmException.Kind.valueOf(kind), message);
            }
            return out;
        } finally {
            bloom.film.RenderJob.deleteTree(work);
        }
    }
}

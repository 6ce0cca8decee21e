package bloom.flame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * flam3-render, the reference implementation, for tests that compare against it: Debian's
 * {@code flam3-utils}, with {@code flam3-palette} for genomes that name flam3's built-in
 * palettes. On a root Debian machine where it is missing, the tests' set-up installs both.
 */
public final class Flam3Tool {

    public static final Path RENDER = Path.of("/usr/bin/flam3-render");
    private static String installLog = "";

    private Flam3Tool() {}

    /** Why the last install failed, for the test's message. */
    public static String installLog() {
        return installLog;
    }

    /**
     * Whether flam3-render is installed; if not and this is a root Debian machine, installs it:
     * apt waits up to 10 minutes for another package manager's lock, and a failed attempt is
     * tried again twice, 20 s apart.
     */
    public static synchronized boolean available() {
        if (Files.isExecutable(RENDER)) {
            return true;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            installLog = "not a root Debian machine: install the packages flam3-utils and flam3-palette";
            return false;
        }
        String apt = "DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q";
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                Process p = new ProcessBuilder("bash", "-c", "(" + apt + " update || true) && " + apt
                        + " install -y --no-install-recommends flam3-utils flam3-palette").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isExecutable(RENDER)) {
                    return true;
                }
                String text = new String(out, StandardCharsets.UTF_8).strip();
                installLog = "attempt " + attempt + ": " + text.substring(Math.max(0, text.length() - 400));
                if (attempt < 3) {
                    Thread.sleep(20_000);
                }
            } catch (IOException e) {
                installLog = "attempt " + attempt + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Renders every genome of {@code in} into {@code dir} as {@code prefix00000.png},
     * {@code prefix00001.png}, ..., sizes scaled by {@code sizeScale} and quality by
     * {@code qualityScale}, with the given seed.
     */
    public static void renderAll(Path in, Path dir, String prefix, double sizeScale, double qualityScale, String seed)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(RENDER.toString()).directory(dir.toFile());
        pb.environment().putAll(Map.of("in", in.toAbsolutePath().toString(), "prefix", prefix,
                "ss", Double.toString(sizeScale), "qs", Double.toString(qualityScale), "isaac_seed", seed, "nthreads", "2"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("flam3-render timed out on " + in);
        }
    }
}

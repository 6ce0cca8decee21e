package bloom.flame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * flam3-render, the reference implementation, for tests that compare against it: Debian's
 * {@code flam3-utils}, with {@code flam3-palette} for genomes that name flam3's built-in
 * palettes. On a root Debian machine where it is missing, the tests' set-up installs both
 * ({@link DebianPackages}).
 */
public final class Flam3Tool {

    public static final Path RENDER = Path.of("/usr/bin/flam3-render");
    private static volatile String installLog = "";

    private Flam3Tool() {}

    /** Why the last install failed, for the test's message. */
    public static String installLog() {
        return installLog;
    }

    /** Whether flam3-render is installed, installing flam3-utils and flam3-palette if need be. */
    public static boolean available() {
        String why = DebianPackages.ensure(RENDER, "flam3-utils", "flam3-palette");
        installLog = why == null ? "" : why;
        return why == null;
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

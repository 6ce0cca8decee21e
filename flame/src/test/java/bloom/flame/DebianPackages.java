package bloom.flame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The tests' set-up for the tools they compare against or drive (flam3-render, Chromium): on a
 * root Debian machine where a tool is missing, installs its packages. apt waits up to 10 minutes
 * for another package manager's lock, and a failed attempt is tried again twice, 20 s apart.
 */
public final class DebianPackages {

    private DebianPackages() {}

    /**
     * Makes sure {@code binary} is there, installing {@code packages} if need be: null when it is,
     * otherwise why not (for the test's message).
     */
    public static synchronized String ensure(Path binary, String... packages) {
        if (Files.isExecutable(binary)) {
            return null;
        }
        String names = String.join(" ", packages);
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            return "not a root Debian machine: install the package" + (packages.length == 1 ? " " : "s ") + names;
        }
        String apt = "DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q";
        String log = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                Process p = new ProcessBuilder("bash", "-c", "(" + apt + " update || true) && " + apt
                        + " install -y " + names).redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isExecutable(binary)) {
                    return null;
                }
                String text = new String(out, StandardCharsets.UTF_8).strip();
                log = "attempt " + attempt + ": " + text.substring(Math.max(0, text.length() - 400));
                if (attempt < 3) {
                    Thread.sleep(20_000);
                }
            } catch (IOException e) {
                log = "attempt " + attempt + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while installing " + names;
            }
        }
        return log;
    }
}

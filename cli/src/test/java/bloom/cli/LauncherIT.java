package bloom.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./bloom} launcher as a user runs it, once the package phase has built
 * {@code cli/target/bloom.jar}: the JVM's incubator-module warning never reaches the screen while
 * everything else on standard error does, the exit status passes through, and the class-data
 * archive is made and used without a word. The launcher runs from a copy of the project root whose
 * {@code cli/target} is this build's, so it finds its jar up to date and builds nothing.
 */
class LauncherIT {

    private static final String INCUBATOR = "WARNING: Using incubator modules";

    @TempDir
    Path tmp;

    private Path launcher;

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("cli"));
        Path target = Path.of("target").toAbsolutePath();
        assertTrue(Files.isRegularFile(target.resolve("bloom.jar")), "runs after package: " + target.resolve("bloom.jar"));
        Files.createSymbolicLink(root.resolve("cli/target"), target);
        launcher = root.resolve("bloom");
        Files.copy(Path.of("..", "bloom").toAbsolutePath(), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
    }

    @AfterEach
    void unlinkTheBuild() throws IOException {
        Files.deleteIfExists(tmp.resolve("root/cli/target")); // the link, not the build it points to
    }

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the launcher ended");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpComesWithoutTheIncubatorWarning() throws Exception {
        Run help = run("--help");
        assertEquals(ExitCodes.OK, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: bloom"), help.out());
        assertFalse(help.err().contains(INCUBATOR), help.err());
        assertEquals(List.of(), help.errLines());
    }

    @Test
    void anErrorKeepsItsLineAndItsExitStatus() throws Exception {
        Path missing = tmp.resolve("missing.flame");
        Run bad = run("flame", "render", missing.toString(), "-o", tmp.resolve("x.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exit(), bad.err());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.errLines().get(0).startsWith("bloom: " + missing), bad.err());
    }

    @Test
    void aStillRendersThroughTheClassDataArchive() throws Exception {
        Path png = tmp.resolve("star.png");
        Run still = run("flame", "render", "star", "-o", png.toString(), "--size", "64x36", "--quality", "2",
                "--threads", "1", "--device", "cpu");
        assertEquals(ExitCodes.OK, still.exit(), still.err());
        assertTrue(Files.size(png) > 0);
        assertTrue(Files.isRegularFile(Path.of("target", "bloom.jsa")), "the archive is made at the first run");
        assertFalse(still.err().contains(INCUBATOR), still.err());
        assertFalse(still.err().contains("cds"), "the archive is used or ignored quietly: " + still.err());
        assertTrue(still.errLines().get(still.errLines().size() - 1).startsWith("bloom: star: 64x36"), still.err());
        // made through the link, the archive must serve the build's own path once the link is gone
        // (the JVM would ignore it quietly; -Xshare:on makes it say so): else the launcher in the
        // project root, finding it newer than the jar, would run every command without it
        Files.delete(tmp.resolve("root/cli/target"));
        Path jar = Path.of("target", "bloom.jar").toRealPath();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + Path.of("target", "bloom.jsa").toRealPath(), "-XX:+UseSerialGC",
                "-XX:MaxTrivialSize=72", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "the archive made through the link, used from " + jar + ": " + said);
    }
}

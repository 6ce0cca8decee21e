package bloom.cli;

import bloom.film.Png;
import bloom.flame.Flam3Tool;
import bloom.flame.render.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bloom bench render}: a small real race against Debian's flam3 (fresh processes for a
 * still and a film, the in-process rate, a reference directory), and one clear line for each
 * wrong option.
 */
class BenchRenderCommandTest {

    /** A still row: genome, threads, flam3 s, bloom s, render s, rest s, ratio, flam3 MB, bloom MB, SSIM. */
    private static final Pattern STILL = Pattern.compile("^1\\s+1\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+(-?[0-9.]+)"
            + "\\s+([0-9.]+)\\s+([0-9]+)\\s+([0-9]+)\\s+(-?[0-9.]+)$");
    /** A film row: genome, blur, flam3 fps, bloom fps, ratio, flam3 MB, bloom MB. */
    private static final Pattern FILM = Pattern.compile(
            "^1\\s+(off|x2)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9]+)\\s+([0-9]+)$");
    /**
     * A batch row: threads, flam3 s, bloom s, render s, ratio, flam3 s/img, bloom s/img, flam3 MB, bloom MB, SSIM (its
     * seconds have a point: a still row, whose second column is its thread count, does not match).
     */
    private static final Pattern BATCH = Pattern.compile("^1\\s+([0-9]+\\.[0-9]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)"
            + "\\s+([0-9.]+)\\s+([0-9]+)\\s+([0-9]+)\\s+(-?[0-9.]+)$");
    private static final Pattern RATE = Pattern.compile("^(\\S+)\\s+1\\s+([0-9.]+)$");
    /** The stills' files in one Bloom process: its seconds, its render, MB, SSIM, flam3's summed seconds, ratio. */
    private static final Pattern FILES = Pattern.compile("^the 1 file in one Bloom process \\(bloom flame render FILE\\.\\.\\. "
            + "-o DIR\\): ([0-9.]+) s, its render ([0-9.]+) s, ([0-9]+) MB, SSIM (-?[0-9.]+); the 1 flam3-render process "
            + "above, one a file: ([0-9.]+) s; ratio ([0-9.]+)$");

    @TempDir
    Path tmp;

    @Test
    void racesFlam3AsAUserMeetsItAndPrintsEveryPart() throws Exception {
        Needs.require(Flam3Tool.available(), "Debian's flam3-utils (flam3-render, flam3-animate, flam3-genome): "
                + Flam3Tool.installLog());
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        Files.copy(Path.of("..", "examples", "genomes", "star.flame"), reference.resolve("star.flame"));
        Cli r = Cli.run("bench", "render", "--genomes", "1", "--sizes", "96x54@10", "--threads", "1",
                "--film", "3@96x54@5", "--blur", "2", "--reference", reference.toString(), "--reference-size", "64x36@5",
                "--keep", tmp.resolve("kept").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().map(String::strip).toList();

        List<Matcher> stills = lines.stream().map(STILL::matcher).filter(Matcher::matches).toList();
        assertEquals(1, stills.size(), r.out());
        Matcher s = stills.get(0);
        double flam3 = Double.parseDouble(s.group(1)), bloom = Double.parseDouble(s.group(2));
        assertTrue(flam3 > 0 && bloom > 0, s.group());
        // the seconds are printed to 0.01, the ratio from the unrounded times
        assertEquals(flam3 / bloom, Double.parseDouble(s.group(5)), 0.02 + 0.05 * flam3 / bloom, "ratio = flam3 / Bloom: " + s.group());
        // Bloom's seconds split: its render as logged, and the rest, at least the JVM's start
        double render = Double.parseDouble(s.group(3)), rest = Double.parseDouble(s.group(4));
        assertTrue(render > 0 && rest > 0.02, "render and the rest of the process: " + s.group());
        assertEquals(bloom, render + rest, 0.011, "one repetition: render + rest = the process: " + s.group());
        assertTrue(Long.parseLong(s.group(6)) > 0 && Long.parseLong(s.group(7)) > 0, "peak memory of both: " + s.group());
        assertTrue(Double.parseDouble(s.group(8)) > 0.5, "the two images are the same picture: " + s.group());
        assertTrue(r.out().contains("Bloom's process on 1 thread: its render "), r.out());
        List<Matcher> many = lines.stream().map(FILES::matcher).filter(Matcher::matches).toList();
        assertEquals(1, many.size(), r.out());
        Matcher fm = many.get(0);
        double manyBloom = Double.parseDouble(fm.group(1)), manyRender = Double.parseDouble(fm.group(2));
        assertTrue(manyRender > 0 && manyRender < manyBloom, "the render within the process: " + fm.group());
        assertTrue(Long.parseLong(fm.group(3)) > 0, fm.group());
        assertTrue(Double.parseDouble(fm.group(4)) > 0.5, "the same picture as flam3's: " + fm.group());
        assertEquals(flam3, Double.parseDouble(fm.group(5)), 0.006, "one file: flam3's sum is its still's seconds");
        assertEquals(flam3 / manyBloom, Double.parseDouble(fm.group(6)), 0.02 + 0.05 * flam3 / manyBloom, fm.group());
        assertTrue(Similarity.ssim(Png.read(tmp.resolve("kept/g01-96x54-1t-bloom.png")),
                Png.read(tmp.resolve("kept/files-96x54-1t/g01-96x54.png")), 2) > 0.5, "the files' still");

        List<Matcher> batches = lines.stream().map(BATCH::matcher).filter(Matcher::matches).toList();
        assertEquals(1, batches.size(), r.out());
        Matcher b = batches.get(0);
        assertTrue(Double.parseDouble(b.group(1)) > 0 && Double.parseDouble(b.group(2)) > 0, b.group());
        double batchRender = Double.parseDouble(b.group(3));
        assertTrue(batchRender > 0 && batchRender < Double.parseDouble(b.group(2)), "the render within the process: " + b.group());
        assertEquals(Double.parseDouble(b.group(2)), Double.parseDouble(b.group(6)), 0.006, "one genome: its still is the whole batch");
        assertTrue(Long.parseLong(b.group(7)) > 0 && Long.parseLong(b.group(8)) > 0, "peak memory of both: " + b.group());
        assertTrue(Double.parseDouble(b.group(9)) > 0.5, "the two images are the same picture: " + b.group());
        // the batch's still is the still's picture: the same genome, size, seed and threads (not byte for byte:
        // this genome's waves take sines, whose compiled vector form differs in the last bit)
        assertTrue(Similarity.ssim(Png.read(tmp.resolve("kept/g01-96x54-1t-bloom.png")),
                Png.read(tmp.resolve("kept/batch-96x54-1t-bloom-0.png")), 2) > 0.5, "the batch's still");

        List<Matcher> films = lines.stream().map(FILM::matcher).filter(Matcher::matches).toList();
        assertEquals(List.of("off", "x2"), films.stream().map(m -> m.group(1)).toList(), r.out());
        for (Matcher f : films) {
            assertTrue(Double.parseDouble(f.group(2)) > 0 && Double.parseDouble(f.group(3)) > 0, f.group());
        }
        assertTrue(Files.size(tmp.resolve("kept/film01-t1-r0.mp4")) > 0, "Bloom's film is kept");

        List<String> rated = lines.stream().map(RATE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertEquals(List.of("1", "star"), rated, r.out());
        assertTrue(r.out().contains("median on 1 thread: flam3 "), r.out());
        assertTrue(r.out().contains("median, motion blur off: flam3 "), r.out());
    }

    /**
     * A launcher that builds Bloom (it says so on standard error) before the race is fine and
     * noted; one that builds inside a timed run spoils that figure, and the bench stops there.
     */
    @Test
    void aBuildInsideATimedRunStopsTheRaceNamingTheRun() throws Exception {
        // the line the bench looks for is the one the project's launcher prints when it builds
        assertTrue(Files.readString(Path.of("..", "bloom")).contains("echo \"bloom: building ("),
                "./bloom no longer announces a build with 'bloom: building'");
        Needs.require(Flam3Tool.available(), "Debian's flam3-utils (flam3-render, flam3-animate, flam3-genome): "
                + Flam3Tool.installLog());
        Path launcher = tmp.resolve("bloom");
        StringBuilder java = new StringBuilder();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (String a : cmd) {
            java.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        // calls: 1 the bench's priming run, 2 and 3 the still's two repetitions
        Files.writeString(launcher, "#!/bin/sh\n"
                + "n=$(( $(cat '" + tmp + "/calls' 2>/dev/null || echo 0) + 1 )); echo $n > '" + tmp + "/calls'\n"
                + "case $n in 1|3) echo 'bloom: building (first run, or the sources changed)...' >&2 ;; esac\n"
                + "exec" + java + " \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        Cli r = Cli.run("bench", "render", "--genomes", "1", "--sizes", "96x54@10", "--threads", "1", "--parts", "stills",
                "--reps", "2", "--bloom", launcher.toString());
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.out().contains("(the launcher built Bloom before the race: "), r.out());
        assertTrue(r.error().contains("bloom: bench: the launcher rebuilt Bloom inside a timed run "
                + "(g01-96x54-1t-bloom.log: 'bloom: building'"), r.error());
        assertEquals(1, r.error().lines().filter(l -> l.startsWith("bloom: ")).count(), r.error());
        assertEquals("3", Files.readString(tmp.resolve("calls")).strip(), "no Bloom run after the spoiled one");
    }

    /** A Bloom that renders without logging its render leaves the bench nothing to split its seconds by: one line. */
    @Test
    void aBloomThatLogsNoRenderStopsTheRaceNamingItsLog() throws Exception {
        Needs.require(Flam3Tool.available(), "Debian's flam3-utils (flam3-render, flam3-animate, flam3-genome): "
                + Flam3Tool.installLog());
        Path launcher = tmp.resolve("bloom");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        assertTrue(launcher.toFile().setExecutable(true));
        Cli r = Cli.run("bench", "render", "--genomes", "1", "--sizes", "96x54@10", "--threads", "1", "--parts", "stills",
                "--bloom", launcher.toString());
        assertEquals(ExitCodes.UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.error().contains("g01-96x54-1t-bloom.log: Bloom logged no render"), r.error());
        assertEquals(1, r.error().lines().filter(l -> l.startsWith("bloom: ")).count(), r.error());
    }

    @Test
    void wrongOptionsGetOneLineNamingTheOption() {
        String[][] cases = {
                {"--parts", "speed", "--parts speed: expected stills, batch, films or rate"},
                {"--genomes", "0", "--genomes 0: expected at least 1"},
                {"--sizes", "640x360", "--sizes 640x360: expected WxH@QUALITY such as 640x360@200"},
                {"--film", "12@640x360", "--film 12@640x360: expected FRAMES@WxH@QUALITY such as 12@640x360@50"},
                {"--film", "12@641x360@50", "--film"},
                {"--reference", "no-such-dir", "--reference no-such-dir: not a directory"},
                {"--flam3", "/nonexistent", "--flam3 /nonexistent: no flam3-genome there (Debian: apt-get install flam3-utils)"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("bench", "render", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", c[0], c[1]) + "\n" + r);
            assertTrue(r.error().contains(c[2]), "expected '" + c[2] + "' in: " + r.error());
            assertEquals(1, r.error().lines().filter(l -> l.startsWith("bloom: ")).count(), r.error());
        }
    }
}

package bloom.cli;

import bloom.film.Mp4Encoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input a user can get wrong ends with one clear line and a non-zero exit code. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void helpTeachesEveryCommand() {
        Cli c = Cli.run("--help");
        assertEquals(0, c.exitCode());
        for (String cmd : new String[] {"run", "train", "render", "palettes", "flame", "bench"}) {
            assertTrue(c.out().contains("  " + cmd + " "), cmd + " missing from\n" + c.out());
        }
        Cli run = Cli.run("run", "--help");
        assertTrue(run.out().contains("--batches=N") && run.out().contains("Examples:"), run.out());
    }

    /** The version alone builds no command; with anything after it, every command is there to read it. */
    @Test
    void theVersionAloneBuildsNoCommand() {
        for (String v : new String[] {"--version", "-V"}) {
            assertEquals(List.of(), BloomCommand.subcommandsFor(new String[] {v}), v);
            Cli c = Cli.run(v);
            assertEquals(0, c.exitCode(), c.toString());
            assertTrue(c.out().strip().matches("bloom \\S+"), v + ": " + c.out());
        }
        assertEquals(BloomCommand.SUBCOMMANDS, BloomCommand.subcommandsFor(new String[] {"--version", "--help"}));
        Cli c = Cli.run("--version", "run");
        assertEquals(ExitCodes.OK, c.exitCode(), c.toString());
        assertTrue(c.out().strip().matches("bloom \\S+"), "picocli prints the version and runs nothing: " + c.out());
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        Cli c = Cli.run("run", "--frobnicate");
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertEquals("bloom: Unknown option: '--frobnicate'", c.err().lines().findFirst().orElse(""));
    }

    @Test
    void oddVideoSizesAreRefused() {
        Cli c = Cli.run("run", "--size", "641x360", "--out", dir.resolve("r").toString());
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertEquals("bloom: --size 641x360: width and height must be even for H.264 video (yuv420p)", c.error());
        Cli d = Cli.run("run", "--size", "big");
        assertEquals(ExitCodes.USAGE, d.exitCode());
        assertTrue(d.err().contains("expected WIDTHxHEIGHT such as 1280x720, found 'big'"), d.err());
    }

    @Test
    void configFileTyposNameFileLineAndTheNearestOption() throws IOException {
        Path cfg = Files.writeString(dir.resolve("my.properties"), "# mine\nbatchs = 10\n");
        Cli c = Cli.run("run", "--config", cfg.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.exitCode());
        assertEquals("bloom: " + cfg + ":2: 'batchs' is not an option of 'bloom run' (did you mean 'batches'?)", c.error());
        Files.writeString(cfg, "batches 10\n");
        Cli d = Cli.run("run", "--config", cfg.toString());
        assertEquals(ExitCodes.BAD_INPUT, d.exitCode());
        assertEquals("bloom: " + cfg + ":1: expected 'option = value', found 'batches 10'", d.error());
        Cli e = Cli.run("run", "--config", dir.resolve("none.properties").toString());
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.error().endsWith("none.properties: configuration file not found"), e.error());
    }

    @Test
    void badConfigValuesNameTheOption() throws IOException {
        Path cfg = Files.writeString(dir.resolve("v.properties"), "quality = lots\n");
        Cli c = Cli.run("run", "--config", cfg.toString());
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertTrue(c.error().contains("--quality") && c.error().contains("lots"), c.err());
    }

    @Test
    void corpusProblemsNameFileAndLine() throws IOException {
        Path tsv = Files.writeString(dir.resolve("c.tsv"), "hola\thello\nsin tabulador\n");
        Cli c = Cli.run("train", "--corpus", tsv.toString(), "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, c.exitCode());
        assertEquals("bloom: " + tsv + ":2: expected 2 tab-separated fields (source, target), found 1", c.error());
        Path es = Files.writeString(dir.resolve("a.es"), "uno\ndos\n");
        Path en = Files.writeString(dir.resolve("a.en"), "one\n");
        Cli d = Cli.run("train", "--source", es.toString(), "--target", en.toString(), "--out", dir.resolve("run2").toString());
        assertEquals(ExitCodes.BAD_INPUT, d.exitCode());
        assertTrue(d.error().contains("line counts differ"), d.err());
        Cli e = Cli.run("train", "--source", es.toString(), "--out", dir.resolve("run3").toString());
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("bloom: --source needs --target (two line-aligned files)", e.error());
    }

    @Test
    void aMultiGenomeFileRendersTheGenomesItCanAndBlamesOnlyTheBadOne() throws IOException {
        Path flame = goodAndBadGenomes();
        Cli ok = Cli.run("flame", "render", flame.toString(), "--index", "0", "--quality", "5", "-o", dir.resolve("g.png").toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.err());
        assertTrue(Files.size(dir.resolve("g.png")) > 0);
        assertTrue(ok.err().contains("warning: " + flame + " genome 0: ignored JWildfire xform metadata that Bloom's render does not use: material"),
                ok.err());
        Cli bad = Cli.run("flame", "render", flame.toString(), "--index", "1", "-o", dir.resolve("b.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
        assertTrue(bad.error().startsWith("bloom: " + flame + ":3: genome 1 'bad': uses 1 variation Bloom does not have: spirograph"), bad.err());
        assertTrue(bad.error().endsWith("(1 of its 2 genomes can be read; --index picks one)"), bad.err());
    }

    /**
     * A file of two genomes: 0 renders (its first xform carries JWildfire metadata Bloom ignores,
     * with a warning), 1 does not (a variation Bloom does not have), on line 3.
     */
    private Path goodAndBadGenomes() throws IOException {
        String pal = "<palette count=\"1\" format=\"RGB\">FFFFFF</palette>";
        return Files.writeString(dir.resolve("two.flame"), "<flames>\n"
                + "<flame name=\"good\" size=\"32 24\"><xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 0.2 0\" material=\"0.0\"/>"
                + "<xform weight=\"1\" spherical=\"1\"/>" + pal + "</flame>\n"
                + "<flame name=\"bad\"><xform weight=\"1\" spirograph=\"1\"/>" + pal + "</flame>\n</flames>");
    }

    @Test
    void allRendersEveryGenomeOfAFileInOneProcessAsSeparateRendersWould() throws IOException {
        String pal = "<palette count=\"2\" format=\"RGB\">FF8000 2060FF</palette>";
        Path flame = Files.writeString(dir.resolve("three.flame"), "<flames>\n"
                + "<flame name=\"a\" size=\"64 36\"><xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 0.2 0\"/>"
                + "<xform weight=\"1\" spherical=\"1\" color=\"1\"/>" + pal + "</flame>\n"
                + "<flame name=\"b\" size=\"64 36\"><xform weight=\"1\" horseshoe=\"1\" coefs=\"0.6 0.1 -0.1 0.6 0 0.3\"/>"
                + "<xform weight=\"2\" bubble=\"1\" color=\"1\"/>" + pal + "</flame>\n"
                + "<flame name=\"c\" size=\"32 18\"><xform weight=\"1\" eyefish=\"1\" coefs=\"0.7 0 0 0.7 0 0\"/>"
                + "<xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 -0.3 0.1\" color=\"1\"/>" + pal + "</flame>\n</flames>");
        Path out = dir.resolve("all").resolve("s.png");
        Files.createDirectories(out.getParent());
        Cli all = Cli.run("flame", "render", flame.toString(), "--all", "--quality", "20", "--threads", "2", "-o", out.toString());
        assertEquals(ExitCodes.OK, all.exitCode(), all.err());
        for (int i = 0; i < 3; i++) {
            Path one = dir.resolve("one-" + i + ".png");
            Cli c = Cli.run("flame", "render", flame.toString(), "--index", Integer.toString(i), "--quality", "20",
                    "--threads", "2", "-o", one.toString());
            assertEquals(ExitCodes.OK, c.exitCode(), c.err());
            Path batch = dir.resolve("all").resolve("s-" + i + ".png");
            // the same image, byte for byte, whether rendered alone or after the file's other genomes
            // (variations without sines, whose compiled vector form differs in the last bit)
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(batch), batch.toString());
            assertTrue(all.err().contains(flame + " genome " + i + ": "), all.err());
        }
        // each at its own genome's size
        assertEquals(64, javax.imageio.ImageIO.read(dir.resolve("all").resolve("s-1.png").toFile()).getWidth());
        assertEquals(32, javax.imageio.ImageIO.read(dir.resolve("all").resolve("s-2.png").toFile()).getWidth());
        assertEquals(3, dir.resolve("all").toFile().list().length);
    }

    @Test
    void severalFilesRenderInOneProcessEachToItsOwnPngAsSeparateRendersWould() throws IOException {
        String pal = "<palette count=\"2\" format=\"RGB\">FF8000 2060FF</palette>";
        Path a = Files.writeString(dir.resolve("a.flame"), "<flame name=\"a\" size=\"64 36\">"
                + "<xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 0.2 0\"/>"
                + "<xform weight=\"1\" spherical=\"1\" color=\"1\"/>" + pal + "</flame>");
        Files.createDirectories(dir.resolve("in"));
        Path b = Files.writeString(dir.resolve("in").resolve("b.flam3"), "<flames>\n"
                + "<flame name=\"b0\" size=\"48 27\"><xform weight=\"1\" horseshoe=\"1\" coefs=\"0.6 0.1 -0.1 0.6 0 0.3\"/>"
                + "<xform weight=\"2\" bubble=\"1\" color=\"1\"/>" + pal + "</flame>\n"
                + "<flame name=\"b1\" size=\"32 18\"><xform weight=\"1\" eyefish=\"1\" coefs=\"0.7 0 0 0.7 0 0\"/>"
                + "<xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 -0.3 0.1\" color=\"1\"/>" + pal + "</flame>\n</flames>");
        Path out = dir.resolve("stills"); // made by the command
        Cli many = Cli.run("flame", "render", a.toString(), b.toString(), "lattice", "--quality", "20", "--threads", "2",
                "-o", out.toString());
        assertEquals(ExitCodes.OK, many.exitCode(), many.err());
        assertEquals(List.of("a.png", "b.png", "lattice.png"), sorted(out));
        for (String[] one : new String[][] {{a.toString(), "0", "a.png"}, {b.toString(), "0", "b.png"}}) {
            Path alone = dir.resolve("alone-" + one[2]);
            Cli c = Cli.run("flame", "render", one[0], "--index", one[1], "--quality", "20", "--threads", "2",
                    "-o", alone.toString());
            assertEquals(ExitCodes.OK, c.exitCode(), c.err());
            // byte for byte (variations without sines, whose compiled vector form differs in the last bit)
            assertArrayEquals(Files.readAllBytes(alone), Files.readAllBytes(out.resolve(one[2])), one[2]);
            assertTrue(many.err().contains(one[0] + ": "), many.err());
        }
        assertTrue(many.err().contains("lattice: ") && many.err().contains(out.resolve("lattice.png").toString()), many.err());

        // --all: every genome of every file, numbered after its file
        Path outAll = dir.resolve("every");
        Cli all = Cli.run("flame", "render", a.toString(), b.toString(), "--all", "--quality", "20", "--threads", "2",
                "-o", outAll.toString());
        assertEquals(ExitCodes.OK, all.exitCode(), all.err());
        assertEquals(List.of("a-0.png", "b-0.png", "b-1.png"), sorted(outAll)); // numbered as --all numbers one file's stills
        assertEquals(32, javax.imageio.ImageIO.read(outAll.resolve("b-1.png").toFile()).getWidth());
        assertArrayEquals(Files.readAllBytes(out.resolve("b.png")), Files.readAllBytes(outAll.resolve("b-0.png")));

        // one FILE and a directory: the still goes into it, named after the file
        Cli one = Cli.run("flame", "render", a.toString(), "--quality", "20", "--threads", "2", "-o", outAll.toString());
        assertEquals(ExitCodes.OK, one.exitCode(), one.err());
        assertArrayEquals(Files.readAllBytes(out.resolve("a.png")), Files.readAllBytes(outAll.resolve("a.png")));
    }

    @Test
    void severalFilesRefuseAPngOutputTwoStillsOfOneNameAndABadFileBeforeWritingAnything() throws IOException {
        String good = "<flame size=\"32 18\"><xform weight=\"1\" linear=\"1\" coefs=\"0.5 0 0 0.5 0.2 0\"/>"
                + "<palette count=\"1\" format=\"RGB\">FFFFFF</palette></flame>";
        Path a = Files.writeString(dir.resolve("a.flame"), good);
        Files.createDirectories(dir.resolve("other"));
        Path otherA = Files.writeString(dir.resolve("other").resolve("a.flam3"), good);
        Path bad = Files.writeString(dir.resolve("bad.flame"),
                "<flame>\n<xform weight=\"1\" spirograph=\"1\"/>\n<palette count=\"1\" format=\"RGB\">FFFFFF</palette></flame>");

        Cli png = Cli.run("flame", "render", a.toString(), bad.toString(), "-o", dir.resolve("x.png").toString());
        assertEquals(ExitCodes.USAGE, png.exitCode());
        assertEquals("bloom: -o " + dir.resolve("x.png") + ": with several FILEs, -o names a directory (each still is "
                + "named after its file: DIR/<name>.png)", png.error());

        Path out = dir.resolve("out");
        Cli twice = Cli.run("flame", "render", a.toString(), otherA.toString(), "-o", out.toString());
        assertEquals(ExitCodes.USAGE, twice.exitCode());
        assertEquals("bloom: FILE " + a + " and FILE " + otherA + " would both write " + out.resolve("a.png")
                + ": render them in two commands, or rename one", twice.error());

        Cli c = Cli.run("flame", "render", a.toString(), bad.toString(), "--quality", "5", "-o", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, c.exitCode());
        assertTrue(c.error().startsWith("bloom: " + bad + ":2: genome 0: uses 1 variation Bloom does not have: spirograph"),
                c.err());
        assertFalse(Files.exists(out), "nothing written, not even the directory, before the bad file was found");
    }

    private static List<String> sorted(Path directory) {
        String[] names = directory.toFile().list();
        java.util.Arrays.sort(names);
        return List.of(names);
    }

    @Test
    void allRefusesIndexAndABadGenomeBeforeWritingAnything() throws IOException {
        Path flame = goodAndBadGenomes();
        Path out = dir.resolve("m").resolve("m.png");
        Files.createDirectories(out.getParent());
        Cli both = Cli.run("flame", "render", flame.toString(), "--all", "--index", "1", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, both.exitCode());
        assertEquals("bloom: --all renders every genome of " + flame + ": leave out --index (or --all, to render one)", both.error());
        Cli bad = Cli.run("flame", "render", flame.toString(), "--all", "--quality", "5", "-o", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
        assertTrue(bad.error().startsWith("bloom: " + flame + ":3: genome 1 'bad': uses 1 variation Bloom does not have: spirograph"), bad.err());
        assertTrue(bad.error().endsWith("(--all renders every genome; --index picks one that can be read)"), bad.err());
        assertEquals(0, out.getParent().toFile().list().length, "nothing written before the bad genome was found");
    }

    @Test
    void flameFileProblemsNameFileAndLine() throws IOException {
        Path flame = Files.writeString(dir.resolve("f.flame"),
                "<flame>\n<xform weight=\"1\" spirograph=\"1\"/>\n<palette count=\"1\" format=\"RGB\">FFFFFF</palette></flame>");
        Cli c = Cli.run("flame", "render", flame.toString(), "-o", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, c.exitCode());
        assertTrue(c.error().startsWith("bloom: " + flame + ":2: genome 0: uses 1 variation Bloom does not have: spirograph (xform 1)"), c.err());
        Cli d = Cli.run("flame", "render", dir.resolve("missing.flame").toString(), "-o", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, d.exitCode());
        assertTrue(d.error().contains("missing.flame: genome file not found"), d.err());
    }

    @Test
    void directoriesThatAreNotRunsAreRefused() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "precious");
        Cli c = Cli.run("run", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, c.exitCode());
        assertTrue(c.error().contains("holds no Bloom run"), c.err());
        Cli d = Cli.run("render", dir.toString());
        assertEquals(ExitCodes.USAGE, d.exitCode());
        assertTrue(d.error().contains("not a Bloom run directory"), d.err());
    }

    /** Everything a run needs is checked before the first minibatch: nothing is created, and the corrected command runs. */
    @Test
    void aBadGenomeOrIndexIsRefusedBeforeTraining() {
        Path out = dir.resolve("early");
        Cli g = Cli.run("run", "--out", out.toString(), "--genome", dir.resolve("nosuch.flame").toString());
        assertEquals(ExitCodes.BAD_INPUT, g.exitCode(), g.toString());
        assertTrue(g.error().contains("nosuch.flame: genome file not found"), g.err());
        Cli i = Cli.run("run", "--out", out.toString(), "--genome", "lattice", "--index", "3");
        assertEquals(ExitCodes.USAGE, i.exitCode(), i.toString());
        assertTrue(i.error().startsWith("bloom: --index 3: lattice holds 1 genome"), i.err());
        assertFalse(Files.exists(out), "nothing was recorded, so the corrected command starts afresh");
    }

    /** A full disk is an I/O error with its own exit code, not a stack trace. */
    @Test
    void aFullDiskEndsWithOneLine() {
        Path full = Path.of("/dev/full");
        Needs.require(Files.exists(full) && !Files.isRegularFile(full),
                "needs the /dev/full device, which fails every write with 'No space left on device'");
        Cli c = Cli.run("flame", "render", "lattice", "-o", "/dev/full", "--size", "32x18", "--quality", "1");
        assertEquals(ExitCodes.IO, c.exitCode(), c.toString());
        assertTrue(c.error().contains("No space left on device"), c.err());
        assertEquals(1, c.err().lines().filter(l -> l.startsWith("bloom: ")).count(), c.err());
    }

    /** --device cuda where there is no GPU: one line naming the option and what is missing, on every rendering command. */
    @Test
    void cudaWithoutAGpuEndsWithOneLine() {
        bloom.flame.render.RendererProvider.Availability probe = bloom.flame.render.Renderers.find("cuda")
                .orElseThrow(() -> new AssertionError("the cuda backend is not registered on the command line's class path"))
                .probe();
        org.junit.jupiter.api.Assumptions.assumeTrue(!probe.available(), "this machine has a GPU");
        Path png = dir.resolve("s.png");
        for (Cli c : new Cli[] {
                Cli.run("flame", "render", "lattice", "-o", png.toString(), "--size", "32x18", "--device", "cuda"),
                Cli.run("flame", "animate", "lattice", "-o", dir.resolve("a.mp4").toString(), "--device", "cuda"),
                Cli.run("render", dir.toString(), "--device", "cuda"),
                Cli.run("run", "--out", dir.resolve("r").toString(), "--device", "cuda")}) {
            assertTrue(c.exitCode() == ExitCodes.UNAVAILABLE || c.exitCode() == ExitCodes.USAGE, c.toString());
            assertEquals(1, c.err().lines().filter(l -> l.startsWith("bloom: ")).count(), c.err());
            assertTrue(c.exitCode() == ExitCodes.USAGE || c.error().contains("--device cuda: " + probe.detail()), c.err());
            assertTrue(!c.err().contains("Exception") && !c.err().contains("\tat "), c.err());
        }
        assertTrue(!Files.exists(png), "nothing written");
        Cli cpu = Cli.run("flame", "render", "lattice", "-o", png.toString(), "--size", "32x18", "--quality", "1",
                "--device", "auto");
        assertEquals(0, cpu.exitCode(), "auto falls back to the CPU: " + cpu);
    }

    @Test
    void flameAnimateWritesAVideo() throws IOException {
        Path mp4 = dir.resolve("loop.mp4");
        Cli c = Cli.run("flame", "animate", "lattice", "-o", mp4.toString(), "--frames", "6", "--size", "64x36",
                "--quality", "2", "--temporal-samples", "2", "--threads", "2");
        assertEquals(0, c.exitCode(), c.toString());
        Mp4Encoder.Probe p = Mp4Encoder.probe(mp4);
        assertEquals(6, p.frames());
        assertEquals("h264", p.codec());
        Cli again = Cli.run("flame", "animate", "lattice", "-o", mp4.toString(), "--frames", "6");
        assertEquals(ExitCodes.USAGE, again.exitCode(), "an existing video is not overwritten");
    }

    @Test
    void flameRenderWrites16BitTransparentPngs() throws IOException {
        Path png = dir.resolve("star16.png");
        Cli c = Cli.run("flame", "render", "star", "-o", png.toString(), "--size", "96x54", "--quality", "10",
                "--bits", "16", "--alpha", "--threads", "1");
        assertEquals(0, c.exitCode(), c.toString());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(16, img.getColorModel().getComponentSize(0));
        assertTrue(img.getColorModel().hasAlpha());
        int transparent = 0;
        int opaque = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = img.getRaster().getSample(x, y, 3);
                transparent += a == 0 ? 1 : 0;
                opaque += a > 60000 ? 1 : 0;
            }
        }
        assertTrue(transparent > 0 && opaque > 0, "the corners are empty, the star is solid: " + transparent + ", " + opaque);
        assertEquals(ExitCodes.USAGE, Cli.run("flame", "render", "star", "-o", png.toString(), "--bits", "12").exitCode());
    }

    @Test
    void flameRenderWritesAStill() throws IOException {
        Path png = dir.resolve("lattice.png");
        Cli c = Cli.run("flame", "render", "lattice", "-o", png.toString(), "--size", "160x90", "--quality", "5", "--threads", "2");
        assertEquals(0, c.exitCode(), c.toString());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(160, img.getWidth());
        assertEquals(90, img.getHeight());
    }
}

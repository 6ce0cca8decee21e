package bloom.cli;

import bloom.film.Mp4Encoder;
import bloom.film.Png;
import bloom.flame.render.Image;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exhibition pieces from a small run: a still, two runs side by side, a grid of flames, an H.265 film. */
class ExhibitionTest {

    @TempDir
    static Path tmp;
    static Path adam;
    static Path sgd;

    @BeforeAll
    static void twoRuns() {
        adam = tmp.resolve("adam");
        sgd = tmp.resolve("sgd");
        for (Path run : new Path[] {adam, sgd}) {
            Cli c = Cli.run("run", "--out", run.toString(), "--batches", run == adam ? "40" : "30", "--train-pairs", "3000",
                    "--test-pairs", "20", "--size", "64x36", "--quality", "2", "--threads", "2", "--valid-every", "0",
                    "--optimizer", run == adam ? "adam" : "sgd", "--png");
            assertEquals(0, c.exitCode(), c.toString());
        }
    }

    @Test
    void aStillIsTheFilmsFrameAtAnySize() throws Exception {
        Cli same = Cli.run("still", adam.toString(), "--batch", "25", "-o", tmp.resolve("same.png").toString());
        assertEquals(0, same.exitCode(), same.toString());
        Image still = Png.read(tmp.resolve("same.png"));
        Image frame = Png.read(adam.resolve("frames").resolve("000024.png"));
        assertArrayEquals(frame.toRgb8(), still.toRgb8(), "at the run's own size and quality the still is its frame");

        Cli big = Cli.run("still", adam.toString(), "--batch", "25", "--size", "384x216", "--quality", "3");
        assertEquals(0, big.exitCode(), big.toString());
        Path out = adam.resolve("still-25-384x216.png");
        assertEquals(out.toString(), big.out().strip());
        assertEquals(384, Png.read(out).width());

        Cli none = Cli.run("still", adam.toString(), "--batch", "41");
        assertEquals(ExitCodes.USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("--batch 41") && none.err().contains("batches 1 to 40"), none.err());
    }

    @Test
    void twoRunsSideBySideInStepAndAGridOfFlames() throws Exception {
        Path side = tmp.resolve("side.mp4");
        Cli c = Cli.run("compare", sgd.toString(), adam.toString(), "--size", "64x36", "--quality", "2", "-o", side.toString());
        assertEquals(0, c.exitCode(), c.toString());
        Mp4Encoder.Probe p = Mp4Encoder.probe(side);
        assertEquals(128, p.width());
        assertEquals(36, p.height());
        assertEquals(40, p.frames(), "as long as the longer run; the shorter holds its last frame");

        Path grid = tmp.resolve("grid.mp4");
        Cli g = Cli.run("grid", adam.toString(), "--genomes", "star,lattice,tangle", "--columns", "2", "--size", "64x36",
                "-o", grid.toString());
        assertEquals(0, g.exitCode(), g.toString());
        Mp4Encoder.Probe q = Mp4Encoder.probe(grid);
        assertEquals(128, q.width());
        assertEquals(72, q.height());
        assertEquals(40, q.frames());

        Cli typo = Cli.run("grid", adam.toString(), "--genomes", "star,latice", "-o", tmp.resolve("x.mp4").toString());
        assertTrue(typo.exitCode() != 0 && typo.err().contains("latice"), typo.toString());
        assertTrue(!Files.exists(tmp.resolve("x.mp4")));
    }

    @Test
    void hevcFilmsForGalleryPlayers() throws Exception {
        Path hevc = tmp.resolve("hevc.mp4");
        Cli c = Cli.run("render", adam.toString(), "--codec", "hevc", "--segment-frames", "15", "-o", hevc.toString());
        assertEquals(0, c.exitCode(), c.toString());
        Mp4Encoder.Probe p = Mp4Encoder.probe(hevc);
        assertEquals("hevc", p.codec());
        assertEquals(40, p.frames(), "three segments joined");
        String bytes = new String(Files.readAllBytes(hevc), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("hvc1") && !bytes.contains("hev1"), "tagged hvc1, as Apple's and gallery players want");
        Cli bad = Cli.run("render", adam.toString(), "--codec", "vp9", "-o", tmp.resolve("vp9.mp4").toString());
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--codec vp9: expected h264 or hevc"), bad.err());
    }
}

package bloom.film;

import bloom.flame.render.CpuRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page's previews: written as frames are rendered, or made from a finished run's video. */
class PreviewsTest {

    @TempDir
    Path run;

    @Test
    void everyFrameHasAPreviewAndARunWithoutThemGetsThemFromItsVideo() throws Exception {
        SyntheticRuns.trace(run, 30, -1);
        Path video = run.resolve(RunDirectory.VIDEO);
        new RenderJob(run, SyntheticRuns.settings(10, false, 2), video, new CpuRenderer())
                .onFrame((entry, rgb, w, h) -> Previews.write(run, entry.frame(), rgb, w, h)).run(Progress.SILENT);
        assertEquals(30, Previews.count(run));
        java.awt.image.BufferedImage first = javax.imageio.ImageIO.read(Previews.path(run, 0).toFile());
        assertEquals(96, first.getWidth(), "a frame narrower than " + Previews.MAX_WIDTH + " keeps its size");

        for (int f = 12; f < 30; f++) {
            Files.delete(Previews.path(run, f)); // as a run rendered before previews existed, from frame 12 on
        }
        assertEquals(12, Previews.count(run));
        assertEquals(30, Previews.fromVideo(run, video, Progress.SILENT));
        assertEquals(30, Previews.count(run));
        try (var s = Files.list(run.resolve(Previews.DIR))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no half-written preview is left");
        }
    }

    @Test
    void aWideFrameIsBoxFilteredDown() throws Exception {
        int w = 1920, h = 1080;
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i % w) < w / 2 ? 0xff0000 : 0x0000ff;
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(Previews.jpeg(rgb, w, h)));
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
        assertTrue((img.getRGB(100, 180) >> 16 & 0xff) > 200 && (img.getRGB(540, 180) & 0xff) > 200, "left red, right blue");
    }
}

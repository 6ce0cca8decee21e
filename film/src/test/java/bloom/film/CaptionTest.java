package bloom.film;

import bloom.trace.Event;
import bloom.trace.Evaluation;
import bloom.trace.Trace;
import bloom.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caption of a frame: what it says, causally, and where it is drawn. */
class CaptionTest {

    @Test
    void aFrameIsCaptionedWithItsBatchTheNewestScoreAndTheEventsOfTheLastTwoSeconds(@TempDir Path run) throws Exception {
        SyntheticRuns.trace(run, 200, -1);
        try (TraceWriter w = TraceWriter.resume(run.resolve(Trace.FILE), 200)) {
            w.evaluation(new Evaluation(100, 12.5, 50));
            w.event(new Event(120, Event.Kind.MARK, "gradients\nexplode <here>"));
            w.event(new Event(190, Event.Kind.LEARNING_RATE, "1e-4"));
        }
        Trace trace = Trace.read(run.resolve(Trace.FILE));
        FramePlanner plan = new FramePlanner(trace, Genomes.load("star", 0), SyntheticRuns.settings(50, false, 1));
        assertEquals(List.of("batch 99 \u00b7 epoch 1 \u00b7 loss " + String.format(java.util.Locale.ROOT, "%.3f",
                trace.steps().get(98).loss())), Caption.lines(plan, 98, 25), "no score and no event yet");
        List<String> at = Caption.lines(plan, 119, 25);
        assertEquals("batch 120: mark gradients\nexplode <here>", at.get(0));
        assertTrue(at.get(1).endsWith("valid BLEU 12.5"), at.get(1));
        assertEquals(2, Caption.lines(plan, 169, 25).size(), "50 frames (2 s at 25 fps) later the mark is still shown");
        assertEquals(1, Caption.lines(plan, 170, 25).size(), "and then it is gone");

        int w = 320, h = 180;
        int[] rgb = new int[w * h];
        Arrays.fill(rgb, 0x336699);
        int[] burnt = Caption.burn(rgb, w, h, Caption.lines(plan, 119, 25));
        int changedTop = 0, changedBottom = 0;
        for (int i = 0; i < rgb.length; i++) {
            if ((burnt[i] & 0xffffff) != rgb[i]) {
                if (i / w < h / 2) {
                    changedTop++;
                } else {
                    changedBottom++;
                }
            }
        }
        assertEquals(0, changedTop, "the upper half is untouched");
        assertTrue(changedBottom > w * 20, "a band with two lines of text: " + changedBottom + " pixels changed");
    }
}

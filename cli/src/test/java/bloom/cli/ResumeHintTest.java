package bloom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Resume with ..." is said where a resume can succeed (an interruption), and nowhere else. */
class ResumeHintTest {

    @Test
    void anInterruptedTrainingSaysHowToResume(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Process p = LiveRenderTest.bloom(List.of("train", "--batches", "2000", "--train-pairs", "3000", "--test-pairs", "20",
                "--valid-every", "0", "--checkpoint-every", "10", "--out", dir.toString()), tmp.resolve("log"));
        LiveRenderTest.awaitWhileAlive(p, () -> Files.exists(dir.resolve("trace.bin")), 120);
        p.destroy(); // SIGTERM, as a scheduler or Ctrl-C ends a job
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("log"));
        assertTrue(log.contains("bloom: interrupted; nothing recorded is lost. Resume with: bloom train --out " + dir), log);
    }

    @Test
    void anErrorDoesNotOfferAResume(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("bad.tsv"), "hola\thello\nsin tabulador\n");
        Process p = LiveRenderTest.bloom(List.of("train", "--corpus", corpus.toString(), "--out", tmp.resolve("run").toString()),
                tmp.resolve("log"));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("log"));
        assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), log);
        assertTrue(log.contains("bad.tsv:2: expected 2 tab-separated fields"), log);
        assertFalse(log.contains("Resume"), log);
        assertFalse(Files.exists(tmp.resolve("run")), "a corpus error leaves no run directory behind");
    }
}

package bloom.nmt.train;

import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training on a small corpus, including a run killed mid-way and resumed. */
class TrainerTest {

    private static final Corpus CORPUS = SyntheticCorpus.generate(5, 400, 10, 20);

    private static TrainingConfig config() {
        return new TrainingConfig(new Seq2SeqConfig(16, 16, Seq2SeqConfig.Optimizer.ADAM, 0.01, 5, 3),
                16, 3, 8, 64, 80, 8, 2, 3, 0, 3);
    }

    @Test
    void trainsRecordsAndEvaluates(@TempDir Path dir) throws IOException {
        TrainingResult r = new Trainer(config(), CORPUS, dir, TrainingProgress.NONE).run();
        assertEquals(8, r.steps());
        assertEquals(20, r.testSentences());
        assertTrue(r.bleu().score() >= 0 && r.bleu().score() <= 100);
        Trace t = Trace.read(dir.resolve(Trainer.TRACE));
        assertEquals(8, t.steps().size());
        assertEquals(0, t.snapshots().get(0).step(), "the embeddings before training");
        assertTrue(t.snapshots().size() >= 5);
        for (String f : List.of(Trainer.BPE, Trainer.SOURCE_VOCAB, Trainer.TARGET_VOCAB, Trainer.TRANSLATIONS)) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertEquals(21, Files.readAllLines(dir.resolve(Trainer.TRANSLATIONS)).size());
    }

    /**
     * A run killed after step 5 (its last checkpoint at step 3) resumes and writes exactly the
     * trace an uninterrupted run writes, bit for bit: nothing recorded is lost or changed. The
     * first run starts in a cold JVM and the resumed one in a warm one, so this also pins that the
     * arithmetic does not depend on what the JIT has compiled.
     */
    @Test
    void aKilledRunResumesToTheSameTrace(@TempDir Path whole, @TempDir Path killed) throws IOException {
        new Trainer(config(), CORPUS, whole, TrainingProgress.NONE).run();
        TrainingProgress killer = new TrainingProgress() {
            @Override
            public void step(long step, long total, int epoch, double loss) {
                if (step == 5) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(config(), CORPUS, killed, killer).run());
        assertEquals(5, Trace.read(killed.resolve(Trainer.TRACE)).steps().size());
        assertTrue(Trainer.resumable(killed));
        new Trainer(config(), CORPUS, killed, TrainingProgress.NONE).run();

        List<StepRecord> a = Trace.read(whole.resolve(Trainer.TRACE)).steps();
        List<StepRecord> b = Trace.read(killed.resolve(Trainer.TRACE)).steps();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).step(), b.get(i).step());
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0, "loss at step " + (i + 1));
            assertEquals(a.get(i).updateNorm(), b.get(i).updateNorm(), 0, "update at step " + (i + 1));
            assertArrayEquals(a.get(i).sketch(), b.get(i).sketch(), 0f);
        }
        assertEquals(Trace.read(whole.resolve(Trainer.TRACE)).snapshots().size(),
                Trace.read(killed.resolve(Trainer.TRACE)).snapshots().size());
    }
}

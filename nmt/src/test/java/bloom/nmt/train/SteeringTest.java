package bloom.nmt.train;

import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.trace.Event;
import bloom.trace.StepRecord;
import bloom.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A training steered between minibatches: each control takes effect at its step and is in the trace. */
class SteeringTest {

    private static final Corpus CORPUS = SyntheticCorpus.generate(5, 400, 10, 20);

    private static TrainingConfig config(long batches) {
        return new TrainingConfig(new Seq2SeqConfig(16, 16, Seq2SeqConfig.Optimizer.SGD, 0.5, 5, 3),
                16, 10, batches, 64, 80, 8, 2, 4, 0, 3);
    }

    /** Hands out the controls scripted for a step once that step is done; records how often it was polled while paused. */
    private static class Script implements Steering {
        final Map<Long, List<Control>> at;
        long step;
        int polls;

        Script(Map<Long, List<Control>> at) {
            this.at = at;
        }

        @Override
        public List<Control> poll() {
            polls++;
            return at.getOrDefault(step, List.of());
        }
    }

    @Test
    void eachControlTakesEffectBetweenMinibatchesAndIsRecorded(@TempDir Path dir) throws IOException {
        List<Steering.Control> none = List.of();
        List<Long> stepsSeen = new ArrayList<>();
        Map<Long, List<Steering.Control>> script = new java.util.HashMap<>();
        script.put(3L, List.of(new Steering.Control(Event.Kind.LEARNING_RATE, "1e-6"),
                new Steering.Control(Event.Kind.MARK, "<b>lr down</b>"),
                new Steering.Control(Event.Kind.LEARNING_RATE, "-1"))); // refused: the trainer goes on
        script.put(6L, List.of(new Steering.Control(Event.Kind.LEARNING_RATE, "0.5"),
                new Steering.Control(Event.Kind.INJECT, "lr-spike"), new Steering.Control(Event.Kind.PAUSE, "")));
        script.put(10L, List.of(new Steering.Control(Event.Kind.STOP, "")));
        Script steering = new Script(script) {
            int afterPause;

            @Override
            public List<Control> poll() {
                if (step == 6 && polls > 0 && at.containsKey(6L) && afterPause > 0) {
                    polls++;
                    return ++afterPause > 5 ? List.of(new Control(Event.Kind.RESUME, "")) : none; // paused: 4 empty polls
                }
                List<Control> c = super.poll();
                if (step == 6) {
                    afterPause = 1;
                }
                return c;
            }
        };
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void step(long step, long total, int epoch, double loss) {
                steering.step = step;
                stepsSeen.add(step);
            }
        };
        TrainingResult r = new Trainer(config(40), CORPUS, dir, progress).steering(steering).run();

        assertEquals(10, r.steps(), "stop after step 10 ends training there");
        assertTrue(Trainer.resumable(dir), "a checkpoint is written at the stop");
        assertEquals(10, Checkpoint.load(dir).step());
        Trace t = Trace.read(dir.resolve(Trainer.TRACE));
        assertEquals(10, t.steps().size());
        assertEquals(List.of(new Event(3, Event.Kind.LEARNING_RATE, "1e-6"), new Event(3, Event.Kind.MARK, "<b>lr down</b>"),
                new Event(6, Event.Kind.LEARNING_RATE, "0.5"), new Event(6, Event.Kind.INJECT, "lr-spike@7"),
                new Event(6, Event.Kind.PAUSE, ""), new Event(6, Event.Kind.RESUME, ""), new Event(10, Event.Kind.STOP, "")),
                t.events());
        assertTrue(steering.polls > 12, "polled while paused: " + steering.polls);

        List<StepRecord> s = t.steps();
        // SGD: the update is lr x gradient, so the new rate shows at once in the update norm
        double ratio4 = s.get(3).updateNorm() / s.get(3).gradNorm();
        double ratio3 = s.get(2).updateNorm() / s.get(2).gradNorm();
        assertEquals(1e-6, ratio4, 1e-7, "batch 4 trains with the rate set after batch 3");
        assertEquals(0.5, ratio3, 0.05, "batch 3 still had the configured rate");
        assertEquals(0.5 * Fault.LR_FACTOR, s.get(6).updateNorm() / s.get(6).gradNorm(), 5, "batch 7 is the injected spike");
        assertEquals(1e-6, s.get(5).updateNorm() / s.get(5).gradNorm(), 1e-7, "batch 6 is still at the lowered rate");
    }

    @Test
    void aResumedRunKeepsTheLearningRateItsEventsSet(@TempDir Path dir) throws IOException {
        Map<Long, List<Steering.Control>> script = Map.of(2L, List.of(new Steering.Control(Event.Kind.LEARNING_RATE, "0.01")),
                5L, List.of(new Steering.Control(Event.Kind.STOP, "")));
        Script steering = new Script(script);
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void step(long step, long total, int epoch, double loss) {
                steering.step = step;
            }
        };
        new Trainer(config(40), CORPUS, dir, progress).steering(steering).run();
        // the same directory, run again (as `bloom train --out` on a stopped run would): it goes on at 0.01
        new Trainer(config(8), CORPUS, dir, TrainingProgress.NONE).run();
        List<StepRecord> s = Trace.read(dir.resolve(Trainer.TRACE)).steps();
        assertEquals(8, s.size());
        for (int i = 2; i < 8; i++) {
            assertEquals(0.01, s.get(i).updateNorm() / s.get(i).gradNorm(), 1e-3, "batch " + (i + 1));
        }
    }
}

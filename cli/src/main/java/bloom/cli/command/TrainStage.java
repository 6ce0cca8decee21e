package bloom.cli.command;

import bloom.cli.console.ProgressBar;
import bloom.cli.option.TrainingSettings;
import bloom.film.RunDirectory;
import bloom.film.Json;
import bloom.nmt.corpus.Corpus;
import bloom.nmt.train.Trainer;
import bloom.nmt.train.TrainingProgress;
import bloom.nmt.train.TrainingResult;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the trainer in a run directory with progress bars, and records what it reported. */
public final class TrainStage {

    /** What training reported, as stored in training.json. */
    public record Outcome(long steps, int epochs, double bleu, int testSentences, double secondsPerStep, double seconds,
                   int skippedPairs, String bleuDetail) {}

    private TrainStage() {}

    /**
     * The run's control inbox as the trainer's steering (bloom control, the live page): looked
     * at no more often than every 100 ms, so a minibatch of a few milliseconds pays nothing.
     */
    private static bloom.nmt.train.Steering inbox(Path dir, Consumer<String> log) {
        long[] last = {0};
        return () -> {
            long now = System.nanoTime();
            if (now - last[0] < 100_000_000L) {
                return List.of();
            }
            last[0] = now;
            return bloom.film.ControlInbox.drain(dir, log).stream()
                    .map(r -> new bloom.nmt.train.Steering.Control(r.kind(), r.text())).toList();
        };
    }

    /**
     * Trains on {@code corpus} (null: read it here), handing every record to {@code feed} as well
     * (null for none); the training bar shows {@code framesRendered} when given.
     */
    public static Outcome run(Path dir, TrainingSettings settings, Corpus corpus, Consumer<String> log,
                       bloom.trace.TraceFeed feed, java.util.function.LongSupplier framesRendered) throws IOException {
        Path done = dir.resolve(RunDirectory.TRAINING);
        if (Files.exists(done)) {
            log.accept("training already finished in " + dir + "; using its results");
            return read(done);
        }
        if (corpus == null) {
            corpus = settings.loadCorpus();
        }
        log.accept("corpus: " + corpus.name() + ": " + corpus.train().size() + " training, " + corpus.valid().size()
                + " validation, " + corpus.test().size() + " test pairs");
        ProgressBar[] bar = new ProgressBar[1];
        double[] smoothed = {Double.NaN};
        double[] validBleu = {Double.NaN};
        ProgressBar[] decode = new ProgressBar[1];
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void phase(String description) {
                if (bar[0] != null) {
                    bar[0].finish("");
                    bar[0] = null;
                }
                log.accept(description);
            }

            @Override
            public void step(long step, long total, int epoch, double loss) {
                if (bar[0] == null) {
                    bar[0] = ProgressBar.stderr("training", total, "batches");
                }
                // Minibatch losses vary with sentence length: show a moving average (about 20 steps).
                smoothed[0] = Double.isNaN(smoothed[0]) || !Double.isFinite(loss) ? loss : 0.95 * smoothed[0] + 0.05 * loss;
                bar[0].update(step, String.format(Locale.ROOT, "epoch %d  loss %.2f", epoch + 1, smoothed[0])
                        + (Double.isNaN(validBleu[0]) ? "" : String.format(Locale.ROOT, "  valid BLEU %.1f", validBleu[0]))
                        + (framesRendered == null ? "" : "  frames " + framesRendered.getAsLong()));
            }

            @Override
            public void control(String description) {
                if (bar[0] != null) {
                    bar[0].note("bloom: " + bloom.cli.console.Text.printable(description));
                } else {
                    log.accept(description);
                }
            }

            @Override
            public void validation(long step, double bleu, int sentences) {
                validBleu[0] = bleu;
            }

            @Override
            public void decoding(int doneCount, int total) {
                if (decode[0] == null) {
                    decode[0] = ProgressBar.stderr("translating", total, "sentences");
                }
                decode[0].update(doneCount, "");
            }
        };
        long t0 = System.nanoTime();
        bloom.film.ControlInbox.clear(dir); // requests sent while nothing ran are not for this training
        TrainingResult r = new Trainer(settings.config(), corpus, dir, progress).inject(settings.fault())
                .stopOnNonFinite(settings.stopOnNan()).feed(feed).steering(inbox(dir, log)).run();
        if (decode[0] != null) {
            decode[0].finish("");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Outcome o = new Outcome(r.steps(), r.epochsCompleted(), r.bleu().score(), r.testSentences(), r.secondsPerStep(),
                seconds, r.skippedPairs(), r.bleu().toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", o.steps());
        json.put("epochsCompleted", o.epochs());
        json.put("bleu", Json.finite(o.bleu()));
        json.put("bleuDetail", o.bleuDetail());
        json.put("testSentences", o.testSentences());
        json.put("secondsPerStep", Json.finite(o.secondsPerStep()));
        json.put("trainingSeconds", o.seconds());
        json.put("skippedPairs", o.skippedPairs());
        json.put("split", settings.splitDescription());
        json.put("trainPairs", corpus.train().size());
        json.put("validPairs", corpus.valid().size());
        json.put("testPairs", corpus.test().size());
        json.put("testSourcesInTraining", bloom.nmt.corpus.Corpus.sourcesInTraining(corpus.train(), corpus.test()));
        json.put("validSourcesInTraining", bloom.nmt.corpus.Corpus.sourcesInTraining(corpus.train(), corpus.valid()));
        json.put("optimizer", settings.config().model().optimizer().name().toLowerCase(Locale.ROOT));
        json.put("learningRate", settings.config().model().learningRate());
        List<bloom.trace.Evaluation> evals = bloom.trace.Trace.read(dir.resolve(bloom.trace.Trace.FILE)).evaluations();
        List<Map<String, Object>> curve = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (bloom.trace.Evaluation e : evals) {
            curve.add(Map.of("step", e.step(), "bleu", Json.finite(e.bleu()), "sentences", e.sentences()));
            line.append(line.length() == 0 ? "" : ", ").append(e.step()).append(String.format(Locale.ROOT, ": %.1f", e.bleu()));
        }
        json.put("validation", curve);
        if (!evals.isEmpty()) {
            log.accept("validation BLEU (" + evals.get(0).sentences() + " held-out sentences) by minibatch: " + line);
        }
        Json.write(done, json);
        return o;
    }

    public static Outcome read(Path file) throws IOException {
        JsonNode n = Json.read(file);
        return new Outcome(n.path("steps").asLong(), n.path("epochsCompleted").asInt(), n.path("bleu").asDouble(Double.NaN),
                n.path("testSentences").asInt(), n.path("secondsPerStep").asDouble(Double.NaN),
                n.path("trainingSeconds").asDouble(Double.NaN), n.path("skippedPairs").asInt(), n.path("bleuDetail").asText());
    }
}

package bloom.nmt.train;

import bloom.nmt.bpe.BytePairEncoding;
import bloom.nmt.bpe.Vocabulary;
import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.SentencePair;
import bloom.nmt.eval.Bleu;
import bloom.hook.CountSketch;
import bloom.hook.StepRecorder;
import bloom.nmt.model.Batches;
import bloom.nmt.model.EncodedPair;
import bloom.nmt.model.Seq2SeqModel;
import bloom.trace.EmbeddingSnapshot;
import bloom.trace.TraceFeed;
import bloom.trace.TraceHeader;
import bloom.trace.TraceSink;
import bloom.trace.TraceWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Trains the translator on a corpus inside a run directory, with a {@link StepRecorder}
 * recording every minibatch to {@code trace.bin}, and evaluates BLEU at the end.
 *
 * <p>Files it keeps in the run directory: {@code bpe.codes}, {@code vocab.source.txt},
 * {@code vocab.target.txt}, {@code trace.bin}, {@code checkpoint/}, {@code translations.tsv}.
 * A directory that already holds a checkpoint is resumed: the trace is cut back to the
 * checkpoint's step and training continues with the same minibatches, so the records it
 * re-creates are the ones a run without the interruption would have written.
 */
public final class Trainer {

    public static final String TRACE = bloom.trace.Trace.FILE;
    public static final String BPE = "bpe.codes";
    public static final String SOURCE_VOCAB = "vocab.source.txt";
    public static final String TARGET_VOCAB = "vocab.target.txt";
    public static final String TRANSLATIONS = "translations.tsv";

    private final TrainingConfig config;
    private final Corpus corpus;
    private final Path dir;
    private final TrainingProgress progress;

    public Trainer(TrainingConfig config, Corpus corpus, Path dir, TrainingProgress progress) {
        this.config = Objects.requireNonNull(config);
        this.corpus = Objects.requireNonNull(corpus);
        this.dir = Objects.requireNonNull(dir);
        this.progress = progress == null ? TrainingProgress.NONE : progress;
    }

    /** Whether {@code dir} holds a run this trainer would resume. */
    public static boolean resumable(Path dir) {
        return Checkpoint.exists(dir);
    }

    /** The encoded corpus with its subword model. */
    private record Prepared(BytePairEncoding bpe, Vocabulary source, Vocabulary target, List<EncodedPair> train, int skipped) {}

    private Fault fault;
    private TraceFeed feed;
    private Steering steering = Steering.NONE;

    /** Polls {@code steering} between minibatches and applies what it asks (see {@link Steering}). */
    public Trainer steering(Steering steering) {
        this.steering = steering == null ? Steering.NONE : steering;
        return this;
    }

    /** Hands every record to {@code feed} as well as to the trace file (null for none). */
    public Trainer feed(TraceFeed feed) {
        this.feed = feed;
        return this;
    }
    private boolean stopOnNonFinite = true;
    private long nonFiniteAt;

    /** Whether training stops at the first minibatch whose loss, gradient or update is not finite (default: yes). */
    public Trainer stopOnNonFinite(boolean stop) {
        this.stopOnNonFinite = stop;
        return this;
    }

    /** Injects a fault at one minibatch (see {@link Fault}); null for none. */
    public Trainer inject(Fault fault) {
        this.fault = fault;
        return this;
    }

    /**
     * The batch as a broken data pipeline might deliver it: every target sentence replaced by
     * random tokens, as long as the longest sentence allowed.
     */
    static List<EncodedPair> corrupt(List<EncodedPair> batch, int targetVocabulary, int maxTokens, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<EncodedPair> out = new java.util.ArrayList<>(batch.size());
        for (EncodedPair p : batch) {
            int[] t = new int[Math.max(1, maxTokens - 1)];
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextInt(targetVocabulary);
            }
            out.add(new EncodedPair(p.source(), t));
        }
        return out;
    }

    public TrainingResult run() throws IOException {
        Files.createDirectories(dir);
        boolean resume = Checkpoint.exists(dir);
        Prepared data = prepare(resume);
        Path traceFile = dir.resolve(TRACE);

        Seq2SeqModel model;
        Checkpoint start;
        TraceWriter trace;
        if (resume) {
            progress.phase("resuming from " + dir.resolve(Checkpoint.DIR));
            start = Checkpoint.load(dir);
            model = Seq2SeqModel.load(config.model(), Checkpoint.modelFile(dir), data.source.size(), data.target.size());
            trace = TraceWriter.resume(traceFile, start.step());
        } else {
            progress.phase("building the model");
            model = Seq2SeqModel.create(config.model(), data.source.size(), data.target.size());
            start = new Checkpoint(0, 0, 0);
            Files.deleteIfExists(traceFile);
            trace = TraceWriter.create(traceFile, new TraceHeader(config.sketchDims(), config.seed(),
                    model.numParams(), "seq2seq translator, " + model.numParams()
                    + " parameters; embeddings: " + Seq2SeqModel.TARGET_EMBEDDING + " (" + data.target.size() + " tokens)",
                    Vocabulary.SPECIALS));
            start.save(dir, model);
        }
        Seq2SeqModel trained = model;
        int rows = data.target.size();
        int cols = config.model().embeddingSize();
        TraceSink sink = feed == null ? trace : tee(trace, feed);
        if (feed != null) {
            feed.started(traceFile, start.step());
        }
        List<SentencePair> valid = corpus.valid();
        if (config.validSentences() > 0 && valid.size() > config.validSentences()) {
            valid = valid.subList(0, config.validSentences());
        }
        StepRecorder hook = new StepRecorder(sink, new CountSketch(config.sketchDims(), config.seed()),
                step -> new EmbeddingSnapshot(step, rows, cols, model.targetEmbeddings()), config.snapshotEvery(), start.step());

        int perEpoch = Batches.epoch(data.train, config.batchSize(), config.seed(), 0).size();
        long total = (long) perEpoch * config.epochs();
        if (config.maxBatches() > 0) {
            total = Math.min(total, config.maxBatches());
        }
        long step = start.step();
        int epochsCompleted = start.epoch();
        Steered steered = new Steered(config.model().learningRate());
        if (resume) {
            steered.replay(bloom.trace.Trace.read(traceFile).events(), start.step());
        }
        long sessionStart = System.nanoTime();
        long sessionSteps = 0;
        boolean completed = false;
        try {
            steered.apply(steering, sink, step, progress);
            for (int epoch = start.epoch(); epoch < config.epochs() && step < total && !steered.stopped; epoch++) {
                List<List<EncodedPair>> batches = Batches.epoch(data.train, config.batchSize(), config.seed(), epoch);
                int first = epoch == start.epoch() ? start.batchInEpoch() : 0;
                if (first == 0) {
                    hook.epochStart();
                }
                int b = first;
                for (; b < batches.size() && step < total && !steered.stopped; b++) {
                    List<EncodedPair> batch = batches.get(b);
                    Fault now = fault != null && step + 1 == fault.batch() ? fault
                            : steered.fault != null && step + 1 == steered.fault.batch() ? steered.fault : null;
                    if (now != null && now.kind() == Fault.Kind.CORRUPT_BATCH) {
                        batch = corrupt(batch, data.target.size(), config.maxTokens(), config.seed() + step);
                    }
                    double lr = steered.learningRate;
                    if (now != null && now.kind() != Fault.Kind.CORRUPT_BATCH) {
                        lr = now.kind() == Fault.Kind.NAN ? Double.NaN : lr * Fault.LR_FACTOR;
                    }
                    Seq2SeqModel.Step done = model.fit(batch, lr);
                    hook.record(epoch, done.loss(), done.gradNorm(), model.lastUpdate(), done.updateNorm(), done.paramNorm());
                    step++;
                    sessionSteps++;
                    progress.step(step, total, epoch, done.loss());
                    if (config.validEvery() > 0 && !valid.isEmpty() && hook.lastFinite()
                            && (step % config.validEvery() == 0 || step == total)) {
                        double score = Bleu.corpus(translate(model, data, valid, null), references(valid)).score();
                        hook.evaluation(score, valid.size());
                        progress.validation(step, score, valid.size());
                    }
                    if (stopOnNonFinite && !hook.lastFinite()) {
                        nonFiniteAt = step;
                        progress.phase("batch " + step + " has a non-finite loss, gradient or update: training stops "
                                + "here, everything so far is recorded (--on-nan continue trains on)");
                        b++;
                        break;
                    }
                    if (step % config.checkpointEvery() == 0 && b + 1 < batches.size()) {
                        trace.sync();
                        new Checkpoint(step, epoch, b + 1).save(dir, model);
                    }
                    long pausedFrom = System.nanoTime();
                    if (steered.apply(steering, sink, step, progress)) {
                        sessionStart += System.nanoTime() - pausedFrom; // time paused is not training time
                    }
                }
                if (nonFiniteAt > 0) {
                    trace.sync();
                    new Checkpoint(step, epoch, b).save(dir, model);
                    break;
                }
                if (b == batches.size()) {
                    hook.epochEnd();
                    epochsCompleted = epoch + 1;
                    trace.sync();
                    new Checkpoint(step, epoch + 1, 0).save(dir, model);
                } else {
                    trace.sync();
                    new Checkpoint(step, epoch, b).save(dir, model);
                }
            }
            completed = true;
        } finally {
            trace.close();
            if (feed != null) {
                feed.finished(completed);
            }
        }
        double secondsPerStep = sessionSteps == 0 ? 0 : (System.nanoTime() - sessionStart) / 1e9 / sessionSteps;

        List<SentencePair> test = corpus.test();
        if (config.evalSentences() > 0 && test.size() > config.evalSentences()) {
            test = test.subList(0, config.evalSentences());
        }
        Bleu.Score bleu = evaluate(model, data, test);
        return new TrainingResult(step, epochsCompleted, data.skipped, bleu, test.size(), secondsPerStep, nonFiniteAt);
    }

    private Prepared prepare(boolean resume) throws IOException {
        BytePairEncoding bpe;
        if (resume) {
            bpe = BytePairEncoding.load(dir.resolve(BPE));
        } else {
            progress.phase("learning " + config.bpeMerges() + " byte-pair merges");
            List<String> text = new ArrayList<>(corpus.train().size() * 2);
            for (SentencePair p : corpus.train()) {
                text.add(p.source());
                text.add(p.target());
            }
            bpe = BytePairEncoding.learn(text, config.bpeMerges());
            bpe.save(dir.resolve(BPE));
        }
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        int skipped = 0;
        for (SentencePair p : corpus.train()) {
            List<String> s = bpe.encode(p.source());
            List<String> t = bpe.encode(p.target());
            if (s.size() > config.maxTokens() || t.size() > config.maxTokens()) {
                skipped++;
                continue;
            }
            src.add(s);
            tgt.add(t);
        }
        if (src.isEmpty()) {
            throw new IllegalArgumentException("Every training pair is longer than " + config.maxTokens() + " subword tokens");
        }
        Vocabulary source;
        Vocabulary target;
        if (resume) {
            source = Vocabulary.load(dir.resolve(SOURCE_VOCAB));
            target = Vocabulary.load(dir.resolve(TARGET_VOCAB));
        } else {
            source = Vocabulary.build(src);
            target = Vocabulary.build(tgt);
            source.save(dir.resolve(SOURCE_VOCAB));
            target.save(dir.resolve(TARGET_VOCAB));
        }
        List<EncodedPair> pairs = new ArrayList<>(src.size());
        for (int i = 0; i < src.size(); i++) {
            pairs.add(new EncodedPair(source.ids(src.get(i)), target.ids(tgt.get(i))));
        }
        return new Prepared(bpe, source, target, pairs, skipped);
    }

    /** Greedy translation of the test sentences, written to {@code translations.tsv}, and their BLEU. */
    private Bleu.Score evaluate(Seq2SeqModel model, Prepared data, List<SentencePair> test) throws IOException {
        progress.phase("translating " + test.size() + " test sentences");
        List<String> hyp = translate(model, data, test, progress);
        List<String> ref = references(test);
        try (Writer w = Files.newBufferedWriter(dir.resolve(TRANSLATIONS), StandardCharsets.UTF_8)) {
            w.write("source\treference\ttranslation\n");
            for (int i = 0; i < test.size(); i++) {
                w.write(test.get(i).source() + "\t" + ref.get(i) + "\t" + hyp.get(i) + "\n");
            }
        }
        return Bleu.corpus(hyp, ref);
    }

    private static List<String> references(List<SentencePair> pairs) {
        return pairs.stream().map(SentencePair::target).toList();
    }

    /** Greedy translations of the pairs' sources, in their order, decoded in chunks of similar length. */
    private static List<String> translate(Seq2SeqModel model, Prepared data, List<SentencePair> pairs, TrainingProgress progress) {
        List<Integer> order = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
            sources.add(data.source.ids(data.bpe.encode(pairs.get(i).source())));
        }
        order.sort(Comparator.comparingInt(i -> sources.get(i).length));
        String[] hypotheses = new String[pairs.size()];
        int chunk = 128;
        for (int start = 0; start < order.size(); start += chunk) {
            List<Integer> ids = order.subList(start, Math.min(order.size(), start + chunk));
            List<int[]> batch = new ArrayList<>();
            int longest = 0;
            for (int i : ids) {
                batch.add(sources.get(i));
                longest = Math.max(longest, sources.get(i).length);
            }
            List<int[]> out = model.translate(batch, Math.min(400, 2 * longest + 10), chunk);
            for (int j = 0; j < ids.size(); j++) {
                hypotheses[ids.get(j)] = BytePairEncoding.decode(data.target.tokens(out.get(j)));
            }
            if (progress != null) {
                progress.decoding(Math.min(order.size(), start + chunk), order.size());
            }
        }
        return List.of(hypotheses);
    }

    private static TraceSink tee(TraceSink a, TraceSink b) {
        return new TraceSink() {
            @Override
            public void step(bloom.trace.StepRecord record) {
                a.step(record);
                b.step(record);
            }

            @Override
            public void embeddings(EmbeddingSnapshot snapshot) {
                a.embeddings(snapshot);
                b.embeddings(snapshot);
            }

            @Override
            public void evaluation(bloom.trace.Evaluation evaluation) {
                a.evaluation(evaluation);
                b.evaluation(evaluation);
            }

            @Override
            public void event(bloom.trace.Event event) {
                a.event(event);
                b.event(event);
            }
        };
    }

    /** What steering has changed: the learning rate, a fault to inject, a stop. */
    private static final class Steered {
        double learningRate;
        Fault fault;
        boolean stopped;
        private boolean paused;

        Steered(double learningRate) {
            this.learningRate = learningRate;
        }

        /** A resumed run goes on with the learning rate its events last set, up to {@code step}. */
        void replay(List<bloom.trace.Event> events, long step) {
            for (bloom.trace.Event e : events) {
                if (e.step() <= step && e.kind() == bloom.trace.Event.Kind.LEARNING_RATE) {
                    learningRate = Double.parseDouble(e.text());
                }
            }
        }

        /**
         * Applies the requests waiting after {@code step}, each that takes effect recorded as an
         * event; while paused, waits for a resume or a stop. Returns whether it paused.
         */
        boolean apply(Steering steering, TraceSink sink, long step, TrainingProgress progress) {
            boolean waited = false;
            do {
                for (Steering.Control c : steering.poll()) {
                    String text;
                    try {
                        text = take(c, step);
                    } catch (IllegalArgumentException e) {
                        progress.control("batch " + step + ": control ignored: " + e.getMessage());
                        continue;
                    }
                    if (text != null) {
                        sink.event(new bloom.trace.Event(step, c.kind(), text));
                        progress.control("batch " + step + ": " + c.kind().spelling() + (text.isEmpty() ? "" : " " + text));
                    }
                }
                if (paused && !stopped) {
                    waited = true;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                    }
                }
            } while (paused && !stopped);
            return waited;
        }

        /** Applies one request; returns the event's text, or null if it changes nothing (a pause while paused). */
        private String take(Steering.Control c, long step) {
            switch (c.kind()) {
                case PAUSE -> {
                    if (paused) {
                        return null;
                    }
                    paused = true;
                    return "";
                }
                case RESUME -> {
                    if (!paused) {
                        return null;
                    }
                    paused = false;
                    return "";
                }
                case LEARNING_RATE -> {
                    learningRate = parseRate(c.text());
                    return c.text().strip();
                }
                case MARK -> {
                    return c.text();
                }
                case INJECT -> {
                    Fault f = Fault.parse(c.text() + "@" + (step + 1));
                    fault = f;
                    return f.toString();
                }
                case STOP -> {
                    stopped = true;
                    paused = false;
                    return "";
                }
                default -> throw new IllegalStateException(c.kind().toString());
            }
        }
    }

    /** A learning rate a person typed: finite and above 0. */
    private static double parseRate(String text) {
        double lr;
        try {
            lr = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learning rate '" + text + "': expected a number above 0, e.g. 0.001");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate '" + text + "': expected a finite number above 0, e.g. 0.001");
        }
        return lr;
    }
}

package bloom.cli.option;

import bloom.cli.BloomException;
import bloom.nmt.bpe.BytePairEncoding;
import bloom.nmt.corpus.CorpusReader;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.nmt.train.TrainingConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** How the translator is trained. */
public final class TrainingOptions {

    @Option(names = "--corpus", paramLabel = "synthetic|FILE", defaultValue = TrainingSettings.SYNTHETIC, order = 10,
            description = "'synthetic' (the embedded Spanish-English grammar) or a TSV file of source<TAB>target lines "
                    + "(default: ${DEFAULT-VALUE}).")
    public String corpus;

    @Option(names = "--source", paramLabel = "FILE", order = 11,
            description = "Source sentences, one per line; with --target, replaces --corpus.")
    public Path source;

    @Option(names = "--target", paramLabel = "FILE", order = 12,
            description = "Target sentences, line-aligned with --source.")
    public Path target;

    @Option(names = "--valid", paramLabel = "FILE[,FILE]", split = ",", order = 12,
            description = "Held-out validation pairs: a TSV file, or a source and a target file (line-aligned). "
                    + "Without it, validation pairs are split off the corpus file.")
    public List<Path> valid;

    @Option(names = "--test", paramLabel = "FILE[,FILE]", split = ",", order = 12,
            description = "Held-out test pairs for the final BLEU, in the same formats as --valid. Without it, a corpus "
                    + "file is split by a seeded shuffle of its source sentences (5%% validation, 5%% test), all "
                    + "translations of one sentence on the same side.")
    public List<Path> test;

    @Option(names = "--train-pairs", paramLabel = "N", defaultValue = "40000", order = 13,
            description = "Synthetic corpus: training pairs (default: ${DEFAULT-VALUE}).")
    public int trainPairs;

    @Option(names = "--valid-pairs", paramLabel = "N", defaultValue = "1000", order = 14,
            description = "Synthetic corpus: validation pairs (default: ${DEFAULT-VALUE}).")
    public int validPairs;

    @Option(names = "--test-pairs", paramLabel = "N", defaultValue = "1000", order = 15,
            description = "Synthetic corpus: test pairs, translated for BLEU (default: ${DEFAULT-VALUE}).")
    public int testPairs;

    @Option(names = "--max-sentence-words", paramLabel = "N", defaultValue = "" + CorpusReader.DEFAULT_MAX_WORDS, order = 16,
            description = "Corpus files: a longer sentence is an error naming its line (default: ${DEFAULT-VALUE}).")
    public int maxWords;

    @Option(names = "--max-word-chars", paramLabel = "N", defaultValue = "" + CorpusReader.DEFAULT_MAX_WORD_CHARS, order = 16,
            description = "Corpus files: a longer word (in characters) is an error naming its line (default: ${DEFAULT-VALUE}).")
    public int maxWordChars;

    @Option(names = "--bpe-merges", paramLabel = "N", defaultValue = "" + BytePairEncoding.DEFAULT_MERGES, order = 17,
            description = "Byte-pair merges learned from the training data (default: ${DEFAULT-VALUE}).")
    public int bpeMerges;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "80", order = 18,
            description = "Training pairs longer than this many subword tokens are skipped (default: ${DEFAULT-VALUE}).")
    public int maxTokens;

    @Option(names = "--embedding", paramLabel = "N", defaultValue = "" + Seq2SeqConfig.DEFAULT_EMBEDDING, order = 20,
            description = "Embedding size (default: ${DEFAULT-VALUE}).")
    public int embedding;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + Seq2SeqConfig.DEFAULT_HIDDEN, order = 21,
            description = "LSTM units per layer and direction (default: ${DEFAULT-VALUE}).")
    public int hidden;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "adam", order = 22,
            description = "Adam, or plain SGD as the original work; on the embedded corpus plain SGD does not get past "
                    + "babble within a default run's minibatches, Adam learns to translate (default: ${DEFAULT-VALUE}).")
    public String optimizer;

    @Option(names = "--learning-rate", paramLabel = "R", order = 23,
            description = "Step size (default: 0.1 for sgd, 0.005 for adam).")
    public Double learningRate;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "5", order = 24,
            description = "Rescale each layer's gradient to at most this L2 norm; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    public double clip;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", order = 25,
            description = "Sentence pairs per minibatch (default: ${DEFAULT-VALUE}).")
    public int batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", order = 26,
            description = "Passes over the training data, unless --batches stops earlier (default: ${DEFAULT-VALUE}).")
    public int epochs;

    @Option(names = "--sketch-dims", paramLabel = "K", defaultValue = "64", order = 27,
            description = "Dimensions of the per-minibatch sketch of the update vector (default: ${DEFAULT-VALUE}).")
    public int sketchDims;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "10", order = 28,
            description = "Minibatches between target-embedding snapshots, the palette's source (default: ${DEFAULT-VALUE}).")
    public int snapshotEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "100", order = 29,
            description = "Minibatches between checkpoints to resume from; also one per epoch (default: ${DEFAULT-VALUE}).")
    public int checkpointEvery;

    @Option(names = "--valid-every", paramLabel = "N", defaultValue = "100", order = 31,
            description = "Minibatches between validation BLEU measurements during training, recorded in the trace "
                    + "and shown by 'bloom inspect' and the report; 0 for none (default: ${DEFAULT-VALUE}).")
    public int validEvery;

    @Option(names = "--valid-sentences", paramLabel = "N", defaultValue = "200", order = 32,
            description = "Validation sentences translated each time (default: ${DEFAULT-VALUE}).")
    public int validSentences;

    @Option(names = "--eval-sentences", paramLabel = "N", defaultValue = "1000", order = 30,
            description = "Test sentences translated for BLEU at the end; 0 for all (default: ${DEFAULT-VALUE}).")
    public int evalSentences;

    @Option(names = "--inject", paramLabel = "KIND@B", order = 31,
            description = "Inject a fault at batch B, to see what it looks like and that 'bloom inspect' finds it: "
                    + "lr-spike@B (100x the learning rate for that batch) or corrupt-batch@B (random target tokens).")
    public String inject;

    @Option(names = "--on-nan", paramLabel = "stop|continue", defaultValue = "stop", order = 32,
            description = "After a minibatch whose loss, gradient or update is NaN or infinite: stop training there "
                    + "(what was recorded is rendered; its frame is marked in red) or continue (default: ${DEFAULT-VALUE}).")
    public String onNan;

    public TrainingSettings settings(long seed, long batches) {
        if (maxWords < 1) {
            throw BloomException.usage("--max-sentence-words " + maxWords + ": expected 1 or more");
        }
        if (maxWordChars < 1) {
            throw BloomException.usage("--max-word-chars " + maxWordChars + ": expected 1 or more");
        }
        Seq2SeqConfig.Optimizer opt = TrainingSettings.optimizer(optimizer);
        double lr = learningRate != null ? learningRate : defaultLearningRate(opt);
        Seq2SeqConfig model;
        TrainingConfig config;
        try {
            model = new Seq2SeqConfig(embedding, hidden, opt, lr, clip, seed);
            config = new TrainingConfig(model, batchSize, epochs, batches, bpeMerges, maxTokens, sketchDims,
                    snapshotEvery, checkpointEvery, evalSentences, seed, validEvery, validSentences);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        bloom.nmt.train.Fault fault;
        try {
            fault = inject == null || inject.isBlank() ? null : bloom.nmt.train.Fault.parse(inject);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage("--inject " + e.getMessage());
        }
        if (!onNan.equals("stop") && !onNan.equals("continue")) {
            throw BloomException.usage("--on-nan " + onNan + ": expected stop or continue");
        }
        return new TrainingSettings(corpus, source, target, trainPairs, validPairs, testPairs, maxWords, maxWordChars, config, fault,
                onNan.equals("stop"), valid == null ? List.of() : List.copyOf(valid), test == null ? List.of() : List.copyOf(test));
    }

    public static double defaultLearningRate(Seq2SeqConfig.Optimizer opt) {
        return opt == Seq2SeqConfig.Optimizer.SGD ? 0.1 : 0.005;
    }
}

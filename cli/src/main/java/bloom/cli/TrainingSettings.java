package bloom.cli;

import bloom.nmt.corpus.Corpus;
import bloom.nmt.corpus.CorpusException;
import bloom.nmt.corpus.CorpusReader;
import bloom.nmt.corpus.SentencePair;
import bloom.nmt.corpus.SyntheticCorpus;
import bloom.nmt.model.Seq2SeqConfig;
import bloom.nmt.train.TrainingConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the sentences come from and how the translator trains on them.
 *
 * @param corpus     "synthetic" for the generated Spanish-English corpus, or a TSV file
 * @param source     with {@code target}: two line-aligned files instead of a TSV (null otherwise)
 * @param trainPairs synthetic corpus sizes
 * @param maxWords   longest sentence accepted from a file, in words
 * @param config     the trainer's settings
 * @param fault      a fault injected on purpose at one batch, or null
 * @param stopOnNan  whether training ends at a minibatch with a non-finite loss, gradient or update
 *                   (recorded, rendered and flagged either way)
 */
public record TrainingSettings(String corpus, Path source, Path target, int trainPairs, int validPairs, int testPairs,
                               int maxWords, TrainingConfig config, bloom.nmt.train.Fault fault, boolean stopOnNan) {

    public static final String SYNTHETIC = "synthetic";

    public TrainingSettings {
        if ((source == null) != (target == null)) {
            throw BloomException.usage(source == null ? "--target needs --source (two line-aligned files)"
                    : "--source needs --target (two line-aligned files)");
        }
        if (trainPairs < 1 || validPairs < 0 || testPairs < 1) {
            throw BloomException.usage("--train-pairs, --valid-pairs and --test-pairs: expected at least 1, 0 and 1");
        }
    }

    /** Reads or generates the corpus; file problems become one-line errors naming file and line. */
    public Corpus loadCorpus() {
        long seed = config.seed();
        try {
            if (source != null) {
                List<SentencePair> pairs = new CorpusReader(maxWords).readParallel(source, target);
                return Corpus.split(source.getFileName() + " / " + target.getFileName(), pairs, 0.05, 0.05, seed);
            }
            if (corpus.equals(SYNTHETIC)) {
                return SyntheticCorpus.generate(seed, trainPairs, validPairs, testPairs);
            }
            Path file = Path.of(corpus);
            List<SentencePair> pairs = new CorpusReader(maxWords).readTsv(file);
            return Corpus.split(file.getFileName().toString(), pairs, 0.05, 0.05, seed);
        } catch (CorpusException e) {
            throw BloomException.badInput(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput("corpus: " + e.getMessage());
        }
    }

    static Seq2SeqConfig.Optimizer optimizer(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> Seq2SeqConfig.Optimizer.SGD;
            case "adam" -> Seq2SeqConfig.Optimizer.ADAM;
            default -> throw BloomException.usage("--optimizer " + name + ": expected sgd or adam");
        };
    }
}

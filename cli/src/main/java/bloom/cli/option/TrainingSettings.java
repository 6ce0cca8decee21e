package bloom.cli.option;

import bloom.cli.BloomException;
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
 * @param maxWordChars longest word accepted from a file, in characters
 * @param config     the trainer's settings
 * @param fault      a fault injected on purpose at one batch, or null
 * @param stopOnNan  whether training ends at a minibatch with a non-finite loss, gradient or update
 *                   (recorded, rendered and flagged either way)
 */
public record TrainingSettings(String corpus, Path source, Path target, int trainPairs, int validPairs, int testPairs,
                               int maxWords, int maxWordChars, TrainingConfig config, bloom.nmt.train.Fault fault, boolean stopOnNan,
                               List<Path> validFiles, List<Path> testFiles) {

    public static final String SYNTHETIC = "synthetic";

    public TrainingSettings {
        if ((source == null) != (target == null)) {
            throw BloomException.usage(source == null ? "--target needs --source (two line-aligned files)"
                    : "--source needs --target (two line-aligned files)");
        }
        validFiles = List.copyOf(validFiles);
        testFiles = List.copyOf(testFiles);
        for (List<Path> files : List.of(validFiles, testFiles)) {
            if (files.size() > 2) {
                throw BloomException.usage((files == validFiles ? "--valid" : "--test") + ": expected one TSV file or two "
                        + "line-aligned files separated by a comma, got " + files.size());
            }
        }
        if (corpus.equals(SYNTHETIC) && source == null && (!validFiles.isEmpty() || !testFiles.isEmpty())) {
            throw BloomException.usage("--valid and --test go with a corpus file (--corpus FILE or --source/--target); "
                    + "the synthetic corpus makes its own");
        }
        if (trainPairs < 1 || validPairs < 0 || testPairs < 1) {
            throw BloomException.usage("--train-pairs, --valid-pairs and --test-pairs: expected at least 1, 0 and 1");
        }
    }

    /** Reads or generates the corpus; file problems become one-line errors naming file and line. */
    public Corpus loadCorpus() {
        long seed = config.seed();
        try {
            if (source == null && corpus.equals(SYNTHETIC)) {
                return SyntheticCorpus.generate(seed, trainPairs, validPairs, testPairs);
            }
            CorpusReader reader = new CorpusReader(maxWords, maxWordChars);
            List<SentencePair> pairs;
            String name;
            if (source != null) {
                pairs = reader.readParallel(source, target);
                name = source.getFileName() + " / " + target.getFileName();
            } else {
                Path file = Path.of(corpus);
                pairs = reader.readTsv(file);
                name = file.getFileName().toString();
            }
            if (validFiles.isEmpty() && testFiles.isEmpty()) {
                return Corpus.split(name, pairs, 0.05, 0.05, seed);
            }
            List<SentencePair> test;
            List<SentencePair> valid;
            List<SentencePair> train = pairs;
            if (testFiles.isEmpty()) {
                Corpus c = Corpus.split(name, pairs, 0, 0.05, seed);
                test = c.test();
                train = c.train();
            } else {
                test = read(reader, testFiles);
            }
            if (validFiles.isEmpty()) {
                Corpus c = Corpus.split(name, train, 0.05, 0, seed);
                valid = c.valid();
                train = c.train();
            } else {
                valid = read(reader, validFiles);
            }
            return new Corpus(name, train, valid, test);
        } catch (CorpusException e) {
            throw BloomException.badInput(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BloomException.badInput("corpus: " + e.getMessage());
        }
    }

    /** How the corpus was divided into training, validation and test pairs, for training.json. */
    public String splitDescription() {
        if (source == null && corpus.equals(SYNTHETIC)) {
            return "synthetic: distinct pairs generated for each part";
        }
        String v = validFiles.isEmpty() ? "split off the corpus" : "from " + validFiles;
        String t = testFiles.isEmpty() ? "split off the corpus" : "from " + testFiles;
        if (validFiles.isEmpty() && testFiles.isEmpty()) {
            return "seeded shuffle of source sentences (seed " + config.seed() + "): 5% validation, 5% test, grouped by source";
        }
        return "validation " + v + "; test " + t;
    }

    private static List<SentencePair> read(CorpusReader reader, List<Path> files) throws CorpusException {
        return files.size() == 1 ? reader.readTsv(files.get(0)) : reader.readParallel(files.get(0), files.get(1));
    }

    public static Seq2SeqConfig.Optimizer optimizer(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> Seq2SeqConfig.Optimizer.SGD;
            case "adam" -> Seq2SeqConfig.Optimizer.ADAM;
            default -> throw BloomException.usage("--optimizer " + name + ": expected sgd or adam");
        };
    }
}

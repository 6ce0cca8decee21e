package bloom.nmt.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The embedded default corpus: Spanish-English pairs generated from a grammar, deterministically
 * from a seed. Source sentences are distinct across all three splits, so no test sentence is
 * seen in training.
 */
public final class SyntheticCorpus {

    public static final int DEFAULT_TRAIN = 40_000;
    public static final int DEFAULT_VALID = 1_000;
    public static final int DEFAULT_TEST = 1_000;

    private SyntheticCorpus() {}

    public static Corpus generate(long seed) {
        return generate(seed, DEFAULT_TRAIN, DEFAULT_VALID, DEFAULT_TEST);
    }

    public static Corpus generate(long seed, int train, int valid, int test) {
        if (train < 1 || valid < 0 || test < 0) {
            throw new IllegalArgumentException("Invalid split sizes: train " + train + ", valid " + valid + ", test " + test);
        }
        SpanishEnglishGrammar grammar = new SpanishEnglishGrammar();
        SplittableRandom rng = new SplittableRandom(seed);
        int wanted = train + valid + test;
        Map<String, SentencePair> bySource = new LinkedHashMap<>();
        int attempts = 0;
        while (bySource.size() < wanted) {
            SentencePair pair = grammar.sentence(rng);
            bySource.putIfAbsent(pair.source(), pair);
            if (++attempts > wanted * 20) {
                throw new IllegalStateException("The grammar yields fewer than " + wanted + " distinct sentences");
            }
        }
        List<SentencePair> all = new ArrayList<>(bySource.values());
        return new Corpus("synthetic es-en (seed " + seed + ")",
                all.subList(0, train), all.subList(train, train + valid), all.subList(train + valid, wanted));
    }

    /** How many lemmas (nouns, adjectives, verb senses) the grammar draws on. */
    public static int lexiconSize() {
        return new SpanishEnglishGrammar().lemmaCount();
    }
}

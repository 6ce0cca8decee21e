package bloom.nmt.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A parallel corpus split into training, validation and test sentences.
 *
 * @param name  where it came from, for reports ("synthetic es-en, seed 7", a file name)
 */
public record Corpus(String name, List<SentencePair> train, List<SentencePair> valid, List<SentencePair> test) {
    public Corpus {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("Corpus " + name + " has no training sentences");
        }
    }

    /**
     * Splits one list of pairs by a seeded shuffle of its source sentences: about
     * {@code validFraction} and {@code testFraction} of the pairs (at least one each when there are
     * three or more pairs) go to validation and test. All translations of one source sentence land
     * in the same part, so no test source is also a training source (corpora such as Tatoeba list
     * several translations of one sentence).
     */
    public static Corpus split(String name, List<SentencePair> pairs, double validFraction, double testFraction, long seed) {
        if (validFraction < 0 || testFraction < 0 || validFraction + testFraction >= 1) {
            throw new IllegalArgumentException("Invalid split fractions: validation " + validFraction + ", test " + testFraction);
        }
        java.util.Map<String, List<SentencePair>> bySource = new java.util.LinkedHashMap<>();
        for (SentencePair p : pairs) {
            bySource.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
        }
        List<List<SentencePair>> groups = new ArrayList<>(bySource.values());
        Collections.shuffle(groups, new java.util.Random(new SplittableRandom(seed).nextLong()));
        int n = pairs.size();
        int nValid = n >= 3 && groups.size() >= 3 ? Math.max(1, (int) Math.round(n * validFraction)) : 0;
        int nTest = n >= 3 && groups.size() >= 3 ? Math.max(1, (int) Math.round(n * testFraction)) : 0;
        List<SentencePair> valid = new ArrayList<>();
        List<SentencePair> test = new ArrayList<>();
        List<SentencePair> train = new ArrayList<>();
        for (List<SentencePair> g : groups) {
            if (valid.size() < nValid) {
                valid.addAll(g);
            } else if (test.size() < nTest) {
                test.addAll(g);
            } else {
                train.addAll(g);
            }
        }
        return new Corpus(name, train, valid, test);
    }

    /** How many distinct source sentences of {@code held} also occur as training sources. */
    public static int sourcesInTraining(List<SentencePair> train, List<SentencePair> held) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SentencePair p : train) {
            seen.add(p.source());
        }
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (SentencePair p : held) {
            if (seen.contains(p.source())) {
                counted.add(p.source());
            }
        }
        return counted.size();
    }

    public int size() {
        return train.size() + valid.size() + test.size();
    }
}

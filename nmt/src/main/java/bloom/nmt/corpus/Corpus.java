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
     * Splits one list of pairs by a seeded shuffle: {@code validFraction} and {@code testFraction}
     * of the pairs (at least one each when there are three or more pairs) go to validation and test.
     */
    public static Corpus split(String name, List<SentencePair> pairs, double validFraction, double testFraction, long seed) {
        if (validFraction < 0 || testFraction < 0 || validFraction + testFraction >= 1) {
            throw new IllegalArgumentException("Invalid split fractions: validation " + validFraction + ", test " + testFraction);
        }
        List<SentencePair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(seed).nextLong()));
        int n = shuffled.size();
        int nValid = n >= 3 ? Math.max(1, (int) Math.round(n * validFraction)) : 0;
        int nTest = n >= 3 ? Math.max(1, (int) Math.round(n * testFraction)) : 0;
        List<SentencePair> valid = shuffled.subList(0, nValid);
        List<SentencePair> test = shuffled.subList(nValid, nValid + nTest);
        List<SentencePair> train = shuffled.subList(nValid + nTest, n);
        return new Corpus(name, train, valid, test);
    }

    public int size() {
        return train.size() + valid.size() + test.size();
    }
}

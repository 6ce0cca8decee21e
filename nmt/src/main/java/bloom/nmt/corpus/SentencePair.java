package bloom.nmt.corpus;

import java.util.Objects;

/** One source sentence and its reference translation, both untokenised text. */
public record SentencePair(String source, String target) {
    public SentencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}

package bloom.nmt.bpe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Token ids of one language. Ids 0-3 are the special tokens padding, start, end and unknown; the
 * rest are the subword tokens of the training data in sorted order, so the same data gives the
 * same ids.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    public static final int SPECIALS = 4;
    private static final List<String> SPECIAL_TOKENS = List.of("<pad>", "<s>", "</s>", "<unk>");

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
    }

    public static Vocabulary build(Iterable<List<String>> tokenisedSentences) {
        TreeSet<String> seen = new TreeSet<>();
        for (List<String> sentence : tokenisedSentences) {
            seen.addAll(sentence);
        }
        SPECIAL_TOKENS.forEach(seen::remove);
        List<String> tokens = new ArrayList<>(SPECIAL_TOKENS);
        tokens.addAll(seen);
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        return ids.getOrDefault(token, UNK);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public int[] ids(List<String> sentence) {
        int[] out = new int[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    /** Tokens of the ids up to the first end token, specials dropped. */
    public List<String> tokens(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            if (id >= SPECIALS && id < tokens.size()) {
                out.add(tokens.get(id));
            }
        }
        return out;
    }

    public void save(Path file) throws IOException {
        Files.write(file, tokens, StandardCharsets.UTF_8);
    }

    public static Vocabulary load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < SPECIALS || !lines.subList(0, SPECIALS).equals(SPECIAL_TOKENS)) {
            throw new IOException(file + ":1: not a Bloom vocabulary (expected the special tokens " + SPECIAL_TOKENS + " first)");
        }
        return new Vocabulary(lines);
    }
}

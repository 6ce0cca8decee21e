package bloom.nmt.bpe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding over characters (Sennrich et al., "Neural Machine Translation of Rare Words
 * with Subword Units", 2016). Learning starts from every word as its characters plus an
 * end-of-word mark and merges the most frequent adjacent pair, a fixed number of times; ties go
 * to the lexicographically smallest pair, so learning is deterministic. Encoding applies the
 * merges in the order they were learned. Subwords that do not end a word carry the suffix
 * {@value #CONTINUATION}, as subword-nmt writes them, so {@link #decode} is a string replace.
 */
public final class BytePairEncoding {

    public static final String CONTINUATION = "@@";
    public static final int DEFAULT_MERGES = 256;
    private static final String END = "</w>";

    private final List<String[]> merges;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private BytePairEncoding(List<String[]> merges) {
        this.merges = List.copyOf(merges);
        for (int i = 0; i < merges.size(); i++) {
            rank.put(key(merges.get(i)[0], merges.get(i)[1]), i);
        }
    }

    /** Learns {@code mergeCount} merges from pre-tokenised words of the given sentences. */
    public static BytePairEncoding learn(Iterable<String> sentences, int mergeCount) {
        if (mergeCount < 0) {
            throw new IllegalArgumentException("Invalid number of BPE merges: " + mergeCount);
        }
        Map<String, Integer> wordCounts = new TreeMap<>();
        for (String sentence : sentences) {
            for (String word : PreTokenizer.split(sentence)) {
                wordCounts.merge(word, 1, Integer::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            words.add(symbols(e.getKey()));
            counts.add(e.getValue());
        }
        List<String[]> merges = new ArrayList<>();
        for (int m = 0; m < mergeCount; m++) {
            Map<String, Integer> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                int c = counts.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairCounts.merge(key(s.get(i), s.get(i + 1)), c, Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1; // a pair seen once is not worth a merge
            for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null) {
                break;
            }
            String[] pair = unkey(best);
            merges.add(pair);
            for (List<String> s : words) {
                mergeInPlace(s, pair[0], pair[1]);
            }
        }
        return new BytePairEncoding(merges);
    }

    public int mergeCount() {
        return merges.size();
    }

    /** Splits a sentence into subword tokens: "gatos." becomes [ga@@, tos, .]. */
    public List<String> encode(String sentence) {
        List<String> tokens = new ArrayList<>();
        for (String word : PreTokenizer.split(sentence)) {
            tokens.addAll(cache.computeIfAbsent(word, this::encodeWord));
        }
        return tokens;
    }

    /** Inverse of {@link #encode} up to whitespace: joins subwords and re-attaches punctuation. */
    public static String decode(List<String> tokens) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (String t : tokens) {
            if (t.endsWith(CONTINUATION)) {
                word.append(t, 0, t.length() - CONTINUATION.length());
            } else {
                word.append(t);
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return PreTokenizer.join(words);
    }

    private List<String> encodeWord(String word) {
        List<String> s = symbols(word);
        while (s.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < s.size(); i++) {
                Integer r = rank.get(key(s.get(i), s.get(i + 1)));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            String[] pair = merges.get(bestRank);
            mergeInPlace(s, pair[0], pair[1]);
        }
        List<String> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            String sym = s.get(i);
            if (i == s.size() - 1) {
                out.add(sym.substring(0, sym.length() - END.length()));
            } else {
                out.add(sym + CONTINUATION);
            }
        }
        return out;
    }

    /** Characters of a word (code points), the last one carrying the end-of-word mark. */
    private static List<String> symbols(String word) {
        List<String> s = new ArrayList<>();
        word.codePoints().forEach(cp -> s.add(new String(Character.toChars(cp))));
        s.set(s.size() - 1, s.get(s.size() - 1) + END);
        return s;
    }

    private static void mergeInPlace(List<String> s, String a, String b) {
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).equals(a) && s.get(i + 1).equals(b)) {
                s.set(i, a + b);
                s.remove(i + 1);
            }
        }
    }

    private static String key(String a, String b) {
        return a + ' ' + b;
    }

    private static String[] unkey(String key) {
        int space = key.indexOf(' ');
        return new String[] {key.substring(0, space), key.substring(space + 1)};
    }

    /** Writes the merges one per line ("a b"), in learning order, after a version line. */
    public void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("#bloom-bpe v1");
        for (String[] m : merges) {
            lines.add(m[0] + " " + m[1]);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public static BytePairEncoding load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("#bloom-bpe v1")) {
            throw new IOException(file + ":1: not a Bloom BPE merge file (expected the line '#bloom-bpe v1')");
        }
        List<String[]> merges = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            if (parts.length != 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected two symbols separated by one space");
            }
            merges.add(parts);
        }
        return new BytePairEncoding(merges);
    }
}

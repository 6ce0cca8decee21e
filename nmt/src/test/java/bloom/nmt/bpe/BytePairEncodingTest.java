package bloom.nmt.bpe;

import bloom.nmt.corpus.SentencePair;
import bloom.nmt.corpus.SyntheticCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytePairEncodingTest {

    private static final List<String> TEXT = new ArrayList<>();

    static {
        for (SentencePair p : SyntheticCorpus.generate(3, 3000, 0, 1).train()) {
            TEXT.add(p.source());
            TEXT.add(p.target());
        }
    }

    @Test
    void learnsTheRequestedMergesDeterministically() {
        BytePairEncoding a = BytePairEncoding.learn(TEXT, 256);
        BytePairEncoding b = BytePairEncoding.learn(TEXT, 256);
        assertEquals(256, a.mergeCount());
        for (String s : TEXT.subList(0, 200)) {
            assertEquals(a.encode(s), b.encode(s));
        }
    }

    @Test
    void decodeInvertsEncode() {
        BytePairEncoding bpe = BytePairEncoding.learn(TEXT, 256);
        for (String s : TEXT) {
            assertEquals(s, BytePairEncoding.decode(bpe.encode(s)));
        }
        assertEquals("¿Qué hace el xilófono?", BytePairEncoding.decode(bpe.encode("¿Qué hace el xilófono?")));
    }

    @Test
    void mergesShortenSequences() {
        BytePairEncoding none = BytePairEncoding.learn(TEXT, 0);
        BytePairEncoding bpe = BytePairEncoding.learn(TEXT, 256);
        int chars = 0;
        int subwords = 0;
        for (String s : TEXT.subList(0, 500)) {
            chars += none.encode(s).size();
            subwords += bpe.encode(s).size();
        }
        assertTrue(subwords < chars * 0.6, subwords + " subwords vs " + chars + " characters");
        List<String> pieces = bpe.encode("gatos.");
        assertEquals(".", pieces.get(pieces.size() - 1), "punctuation is a word of its own");
        assertTrue(pieces.get(0).endsWith(BytePairEncoding.CONTINUATION), "a word's inner subwords carry @@: " + pieces);
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws IOException {
        BytePairEncoding bpe = BytePairEncoding.learn(TEXT, 100);
        bpe.save(dir.resolve("codes"));
        BytePairEncoding back = BytePairEncoding.load(dir.resolve("codes"));
        for (String s : TEXT.subList(0, 100)) {
            assertEquals(bpe.encode(s), back.encode(s));
        }
    }

    @Test
    void vocabularyReservesSpecialsAndMapsUnknowns() {
        Vocabulary v = Vocabulary.build(List.of(List.of("b", "a"), List.of("c")));
        assertEquals(7, v.size());
        assertEquals("a", v.token(Vocabulary.SPECIALS));
        assertEquals(Vocabulary.UNK, v.id("zzz"));
        assertEquals(List.of("a", "c"), v.tokens(new int[] {4, 6, Vocabulary.EOS, 5}));
    }
}

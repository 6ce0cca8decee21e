package bloom.nmt.corpus;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCorpusTest {

    private static final Corpus CORPUS = SyntheticCorpus.generate(7, 20_000, 1_000, 1_000);

    @Test
    void sameSeedSameCorpusOtherSeedOtherCorpus() {
        Corpus again = SyntheticCorpus.generate(7, 20_000, 1_000, 1_000);
        assertEquals(CORPUS.train(), again.train());
        assertEquals(CORPUS.test(), again.test());
        assertNotEquals(CORPUS.train().subList(0, 100), SyntheticCorpus.generate(8, 100, 0, 1).train());
    }

    @Test
    void tensOfThousandsOfDistinctPairsWithDisjointSplits() {
        Corpus big = SyntheticCorpus.generate(7);
        assertTrue(big.size() >= 40_000, "size " + big.size());
        Set<String> sources = new HashSet<>();
        Stream.of(big.train(), big.valid(), big.test()).flatMap(List::stream).forEach(p -> sources.add(p.source()));
        assertEquals(big.size(), sources.size(), "every source sentence is distinct, so no test sentence is trained on");
        assertTrue(SyntheticCorpus.lexiconSize() >= 200, "lexicon of " + SyntheticCorpus.lexiconSize() + " lemmas");
    }

    private static long count(Predicate<SentencePair> p) {
        return CORPUS.train().stream().filter(p).count();
    }

    /** Each phenomenon the grammar promises appears often enough to be learnt. */
    @Test
    void coversTheGrammarsPhenomena() {
        int n = CORPUS.train().size();
        long questions = count(p -> p.source().startsWith("¿") && p.target().endsWith("?"));
        long negations = count(p -> p.source().matches(".*\\bno\\b.*") && p.target().matches(".*\\bnot\\b.*"));
        long future = count(p -> p.target().matches(".*\\bwill\\b.*"));
        long preterite = count(p -> p.target().matches(".*\\b(did|ate|wrote|saw|was|were)\\b.*"));
        long dropped = count(p -> p.source().matches("^(¿)?(Comemos|Como|Comes|Coméis|Vivo|Vivimos|Tengo|Tienes)\\b.*")
                && p.target().matches("^(Do |Did |Will )?(I|You|We|you|we)\\b.*"));
        // feminine plural article, noun and adjective all agreeing: "las casas blancas", "las vacas rojas"
        long agreement = count(p -> p.source().matches(".*\\b[Ll]as \\p{L}+as \\p{L}+as\\b.*"));
        // noun-adjective in Spanish, adjective-noun in English
        long adjectiveOrder = count(p -> p.source().matches(".*\\b(el|la|los|las) \\p{L}+ (roj|negr|blanc)[oa]s?\\b.*")
                && p.target().matches(".*\\bthe (red|black|white) \\p{L}+.*"));
        long personalA = count(p -> p.source().matches(".*\\b(al|a la|a los|a las)\\b.*"));
        assertTrue(questions > n / 10, "questions: " + questions);
        assertTrue(negations > n / 10, "negations: " + negations);
        assertTrue(future > n / 10, "future: " + future);
        assertTrue(preterite > n / 10, "preterite: " + preterite);
        assertTrue(dropped > 10, "pronoun drop: " + dropped);
        assertTrue(agreement > 10, "agreement: " + agreement);
        assertTrue(adjectiveOrder > n / 500, "adjective order: " + adjectiveOrder);
        assertTrue(personalA > n / 50, "personal a: " + personalA);
    }

    @Test
    void conjugatesRegularVerbsWithSpellingChanges() {
        String[][] buscar = Lexicon.conjugate("buscar");
        assertEquals("busqué", buscar[1][0]);
        assertEquals("buscaron", buscar[1][5]);
        assertEquals("buscaréis", buscar[2][4]);
        String[][] vivir = Lexicon.conjugate("vivir");
        assertEquals("vivimos", vivir[0][3]);
        assertEquals("vivió", vivir[1][2]);
        assertEquals("pagué", Lexicon.conjugate("pagar")[1][0]);
    }
}

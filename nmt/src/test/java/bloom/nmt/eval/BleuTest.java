package bloom.nmt.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BleuTest {

    @Test
    void tokenizesLike13a() {
        assertEquals("Hello , world .", Bleu.tokenize13a("Hello, world."));
        assertEquals("It costs $ 3.50 , ok ?", Bleu.tokenize13a("It costs $3.50, ok?"));
        assertEquals("don't stop-motion 1 - 2", Bleu.tokenize13a("don't stop-motion 1-2"));
        assertEquals("\" quoted \" & < tags >", Bleu.tokenize13a("&quot;quoted&quot; &amp; <tags>"));
        assertEquals("¿Qué ?", Bleu.tokenize13a("¿Qué?"), "13a separates ASCII punctuation only");
    }

    @Test
    void identicalCorporaScore100() {
        List<String> s = List.of("The cat sleeps.", "Where does she live?");
        assertEquals(100.0, Bleu.corpus(s, s).score(), 1e-9);
    }

    /**
     * Hand-computed: precisions 5/6, 3/5, 1/4, and 0/3 smoothed by sacreBLEU's "exp" method to
     * 1/(2 * 3); lengths equal, so no brevity penalty.
     */
    @Test
    void matchesAHandComputedScore() {
        Bleu.Score s = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));
        double expected = Math.pow(100.0 * 5 / 6 * 100.0 * 3 / 5 * 100.0 / 4 * 100.0 / 6, 0.25);
        assertEquals(expected, s.score(), 1e-9);
        assertEquals(37.99, s.score(), 0.01);
        assertEquals(1.0, s.brevity(), 0);
    }

    @Test
    void shortHypothesesArePenalised() {
        Bleu.Score s = Bleu.corpus(List.of("the cat is on the"), List.of("the cat is on the mat"));
        assertEquals(Math.exp(1 - 6 / 5.0), s.brevity(), 1e-12);
        assertEquals(Math.exp(1 - 6 / 5.0) * 100, s.score(), 1e-9);
        assertEquals(0.0, Bleu.corpus(List.of("the cat"), List.of("the cat is on the mat")).score(), 1e-9,
                "no 3-grams at all: BLEU is 0, as sacreBLEU reports it");
        assertEquals(0.0, Bleu.corpus(List.of(""), List.of("the cat")).score(), 1e-9);
    }
}

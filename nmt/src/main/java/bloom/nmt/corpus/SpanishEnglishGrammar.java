package bloom.nmt.corpus;

import bloom.nmt.corpus.Lexicon.Adjective;
import bloom.nmt.corpus.Lexicon.Gender;
import bloom.nmt.corpus.Lexicon.Kind;
import bloom.nmt.corpus.Lexicon.Noun;
import bloom.nmt.corpus.Lexicon.Tense;
import bloom.nmt.corpus.Lexicon.Verb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates Spanish sentences with their English translations from one grammar, so that every
 * pair is a correct translation. It covers what makes the pair hard for a translator: gender and
 * number agreement of articles, demonstratives, possessives and adjectives; adjective placement
 * (noun-adjective in Spanish, adjective-noun in English); verb conjugation across six persons and
 * three tenses (present, preterite, future) against English do-support; negation; subject
 * pronoun drop; the personal "a"; yes/no questions with inversion and wh-questions; copular
 * sentences with predicate adjectives; bare mass nouns.
 *
 * <p>Randomness comes only from the {@link SplittableRandom} passed in, so a seed fixes the corpus.
 */
final class SpanishEnglishGrammar {

    private static final String[] ES_PRONOUN_M = {"yo", "tú", "él", "nosotros", "vosotros", "ellos"};
    private static final String[] ES_PRONOUN_F = {"yo", "tú", "ella", "nosotras", "vosotras", "ellas"};
    private static final String[] EN_PRONOUN_M = {"I", "you", "he", "we", "you", "they"};
    private static final String[] EN_PRONOUN_F = {"I", "you", "she", "we", "you", "they"};
    private static final String[][] SER = {
            {"soy", "eres", "es", "somos", "sois", "son"},
            {"fui", "fuiste", "fue", "fuimos", "fuisteis", "fueron"},
            {"seré", "serás", "será", "seremos", "seréis", "serán"}};
    private static final String[][] BE = {
            {"am", "are", "is", "are", "are", "are"},
            {"was", "were", "was", "were", "were", "were"}};
    private static final String[] ES_NUMBERS = {"dos", "tres", "cuatro", "cinco"};
    private static final String[] EN_NUMBERS = {"two", "three", "four", "five"};
    private static final String[][] ES_TIME = {{"hoy", "ahora"}, {"ayer", "anoche"}, {"mañana", "pronto"}};
    private static final String[][] EN_TIME = {{"today", "now"}, {"yesterday", "last night"}, {"tomorrow", "soon"}};

    private final Lexicon lexicon = new Lexicon();

    int lemmaCount() {
        return lexicon.lemmaCount();
    }

    /** A noun phrase in both languages, with what agreement needs: person index 2 or 5, gender. */
    private record Phrase(String es, String en, int person, Gender gender, Kind kind) {}

    SentencePair sentence(SplittableRandom rng) {
        double roll = rng.nextDouble();
        if (roll < 0.15) {
            return copular(rng);
        } else if (roll < 0.25) {
            return whQuestion(rng);
        }
        return verbal(rng);
    }

    // ------------------------------------------------------------ sentences

    private SentencePair verbal(SplittableRandom rng) {
        Verb verb = pick(lexicon.verbs, rng);
        Tense tense = pick(Tense.values(), rng);
        boolean negative = rng.nextDouble() < 0.3;
        boolean question = rng.nextDouble() < 0.25;
        Subject subject = subject(verb.humanOnly(), rng);
        Phrase object = verb.transitive() ? objectPhrase(verb, rng) : null;
        Phrase place = !verb.transitive() && rng.nextDouble() < 0.5 ? location(rng) : null;
        int timeIndex = rng.nextDouble() < 0.2 ? rng.nextInt(2) : -1;

        List<String> es = new ArrayList<>();
        List<String> en = new ArrayList<>();
        String esVerb = verb.es()[tense.ordinal()][subject.person];
        if (question) {
            if (negative) {
                es.add("no");
            }
            es.add(esVerb);
            if (!subject.dropped) {
                es.add(subject.es);
            }
            en.add(auxiliary(tense, subject.person));
            en.add(subject.en);
            if (negative) {
                en.add("not");
            }
            en.add(verb.enBase());
        } else {
            if (!subject.dropped) {
                es.add(subject.es);
            }
            if (negative) {
                es.add("no");
            }
            es.add(esVerb);
            en.add(subject.en);
            if (negative) {
                en.add(auxiliary(tense, subject.person));
                en.add("not");
                en.add(verb.enBase());
            } else {
                en.add(switch (tense) {
                    case PRESENT -> subject.person == 2 ? verb.en3sg() : verb.enBase();
                    case PRETERITE -> verb.enPast();
                    case FUTURE -> "will " + verb.enBase();
                });
            }
        }
        if (object != null) {
            es.add(object.es);
            en.add(object.en);
        }
        if (place != null) {
            es.add("en " + place.es);
            en.add("in " + place.en);
        }
        if (timeIndex >= 0) {
            es.add(ES_TIME[tense.ordinal()][timeIndex]);
            en.add(EN_TIME[tense.ordinal()][timeIndex]);
        }
        return finish(es, en, question);
    }

    /** "El gato es negro." / "The cat is black." with the adjective agreeing with the subject. */
    private SentencePair copular(SplittableRandom rng) {
        Tense tense = pick(Tense.values(), rng);
        boolean negative = rng.nextDouble() < 0.3;
        boolean question = rng.nextDouble() < 0.25;
        Subject subject = rng.nextDouble() < 0.3 ? thingSubject(rng) : subject(false, rng);
        Adjective adjective = adjectiveFor(subject.kind, rng);
        String esAdj = adjective.form(subject.gender, subject.person >= 3);
        String esVerb = SER[tense.ordinal()][subject.person];
        List<String> es = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (question) {
            if (negative) {
                es.add("no");
            }
            es.add(esVerb);
            es.add(esAdj);
            if (!subject.dropped) {
                es.add(subject.es);
            }
            if (tense == Tense.FUTURE) {
                en.add("will");
                en.add(subject.en);
                if (negative) {
                    en.add("not");
                }
                en.add("be");
            } else {
                en.add(BE[tense.ordinal()][subject.person]);
                en.add(subject.en);
                if (negative) {
                    en.add("not");
                }
            }
        } else {
            if (!subject.dropped) {
                es.add(subject.es);
            }
            if (negative) {
                es.add("no");
            }
            es.add(esVerb);
            es.add(esAdj);
            en.add(subject.en);
            if (tense == Tense.FUTURE) {
                en.add(negative ? "will not be" : "will be");
            } else {
                en.add(BE[tense.ordinal()][subject.person]);
                if (negative) {
                    en.add("not");
                }
            }
        }
        en.add(adjective.en());
        return finish(es, en, question);
    }

    /** "¿Qué come el gato?" / "What does the cat eat?", "¿Dónde vive ella?" / "Where does she live?" */
    private SentencePair whQuestion(SplittableRandom rng) {
        Tense tense = pick(Tense.values(), rng);
        int kind = rng.nextInt(3);
        Verb verb;
        do {
            verb = pick(lexicon.verbs, rng);
        } while (verb.transitive() != (kind == 0));
        Subject subject = subject(verb.humanOnly(), rng);
        List<String> es = new ArrayList<>();
        List<String> en = new ArrayList<>();
        es.add(switch (kind) {
            case 0 -> "qué";
            case 1 -> "dónde";
            default -> "cuándo";
        });
        en.add(switch (kind) {
            case 0 -> "what";
            case 1 -> "where";
            default -> "when";
        });
        es.add(verb.es()[tense.ordinal()][subject.person]);
        if (!subject.dropped) {
            es.add(subject.es);
        }
        en.add(auxiliary(tense, subject.person));
        en.add(subject.en);
        en.add(verb.enBase());
        return finish(es, en, true);
    }

    // -------------------------------------------------------------- phrases

    /**
     * A subject: a personal pronoun (dropped in Spanish for first and second persons half the
     * time, since the verb ending carries the person) or a noun phrase in the third person.
     */
    private record Subject(String es, String en, int person, Gender gender, Kind kind, boolean dropped) {}

    private Subject subject(boolean human, SplittableRandom rng) {
        if (rng.nextDouble() < 0.4) {
            int person = rng.nextInt(6);
            Gender gender = rng.nextBoolean() ? Gender.M : Gender.F;
            boolean dropped = person != 2 && person != 5 && rng.nextBoolean();
            String es = (gender == Gender.M ? ES_PRONOUN_M : ES_PRONOUN_F)[person];
            String en = (gender == Gender.M ? EN_PRONOUN_M : EN_PRONOUN_F)[person];
            return new Subject(es, en, person, gender, Kind.PERSON, dropped);
        }
        Noun noun;
        do {
            noun = pick(lexicon.nouns, rng);
        } while (noun.kind() != Kind.PERSON && (human || noun.kind() != Kind.ANIMAL));
        Phrase np = nounPhrase(noun, rng, true);
        return new Subject(np.es, np.en, np.person, np.gender, np.kind, false);
    }

    /** A noun phrase of any kind, for copular sentences: "La casa es grande." */
    private Subject thingSubject(SplittableRandom rng) {
        Phrase np = nounPhrase(pick(lexicon.nouns, rng), rng, true);
        return new Subject(np.es, np.en, np.person, np.gender, np.kind, false);
    }

    private Phrase objectPhrase(Verb verb, SplittableRandom rng) {
        Noun noun;
        do {
            noun = pick(lexicon.nouns, rng);
        } while (!verb.objects().contains(noun.kind()));
        Phrase np = nounPhrase(noun, rng, false);
        boolean animate = noun.kind() == Kind.PERSON || noun.kind() == Kind.ANIMAL;
        if (verb.personalA() && animate) {
            String es = np.es.startsWith("el ") ? "al " + np.es.substring(3) : "a " + np.es;
            return new Phrase(es, np.en, np.person, np.gender, np.kind);
        }
        return np;
    }

    private Phrase location(SplittableRandom rng) {
        Noun noun;
        do {
            noun = pick(lexicon.nouns, rng);
        } while (noun.kind() != Kind.PLACE);
        return nounPhrase(noun, rng, false);
    }

    /** Determiner, noun and an optional adjective, agreeing in gender and number. */
    private Phrase nounPhrase(Noun noun, SplittableRandom rng, boolean subject) {
        boolean plural = !noun.mass() && rng.nextDouble() < 0.35;
        Adjective adjective = rng.nextDouble() < 0.4 ? adjectiveFor(noun.kind(), rng) : null;
        String esNoun = plural ? noun.esPl() : noun.esSg();
        String enNoun = plural ? noun.enPl() : noun.enSg();
        String esCore = adjective == null ? esNoun : esNoun + " " + adjective.form(noun.gender(), plural);
        String enCore = adjective == null ? enNoun : adjective.en() + " " + enNoun;
        Gender g = noun.gender();
        String esDet;
        String enDet;
        int choice = rng.nextInt(noun.mass() ? 3 : 7);
        if (noun.mass() && choice == 2 && !subject) {
            return new Phrase(esCore, enCore, 2, g, noun.kind()); // bare mass noun: "agua fría" / "cold water"
        }
        switch (noun.mass() ? Math.min(choice, 1) * 2 : choice) {
            case 1 -> {
                esDet = g == Gender.M ? (plural ? "unos" : "un") : (plural ? "unas" : "una");
                enDet = plural ? "some" : indefinite(enCore);
            }
            case 2 -> {
                esDet = g == Gender.M ? (plural ? "estos" : "este") : (plural ? "estas" : "esta");
                enDet = plural ? "these" : "this";
            }
            case 3 -> {
                esDet = g == Gender.M ? (plural ? "esos" : "ese") : (plural ? "esas" : "esa");
                enDet = plural ? "those" : "that";
            }
            case 4 -> {
                esDet = plural ? "mis" : "mi";
                enDet = "my";
            }
            case 5 -> {
                esDet = g == Gender.M ? (plural ? "nuestros" : "nuestro") : (plural ? "nuestras" : "nuestra");
                enDet = "our";
            }
            case 6 -> {
                if (plural) {
                    int n = rng.nextInt(ES_NUMBERS.length);
                    esDet = ES_NUMBERS[n];
                    enDet = EN_NUMBERS[n];
                } else {
                    esDet = g == Gender.M ? "el" : "la";
                    enDet = "the";
                }
            }
            default -> {
                esDet = g == Gender.M ? (plural ? "los" : "el") : (plural ? "las" : "la");
                enDet = "the";
            }
        }
        return new Phrase(esDet + " " + esCore, enDet + " " + enCore, plural ? 5 : 2, g, noun.kind());
    }

    private Adjective adjectiveFor(Kind kind, SplittableRandom rng) {
        Adjective adjective;
        do {
            adjective = pick(lexicon.adjectives, rng);
        } while (!adjective.fits(kind));
        return adjective;
    }

    private static String indefinite(String following) {
        return "aeiou".indexOf(following.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String auxiliary(Tense tense, int person) {
        return switch (tense) {
            case PRESENT -> person == 2 ? "does" : "do";
            case PRETERITE -> "did";
            case FUTURE -> "will";
        };
    }

    private static SentencePair finish(List<String> es, List<String> en, boolean question) {
        String spanish = capitalise(String.join(" ", es));
        String english = capitalise(String.join(" ", en));
        if (question) {
            return new SentencePair("¿" + spanish + "?", english + "?");
        }
        return new SentencePair(spanish + ".", english + ".");
    }

    private static String capitalise(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static <T> T pick(List<T> items, SplittableRandom rng) {
        return items.get(rng.nextInt(items.size()));
    }

    private static <T> T pick(T[] items, SplittableRandom rng) {
        return items[rng.nextInt(items.length)];
    }
}

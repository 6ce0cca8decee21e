package bloom.nmt.bpe;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sentence into words on whitespace and separates punctuation into words of its own,
 * so that "gato." and "gato" share their subwords; {@link #join} undoes it.
 */
public final class PreTokenizer {

    private static final String PUNCTUATION = ".,;:!?¿¡\"()«»";
    private static final String OPENING = "¿¡(«";

    private PreTokenizer() {}

    public static List<String> split(String sentence) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < sentence.length(); ) {
            int cp = sentence.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                flush(word, words);
            } else if (cp < 0x10000 && PUNCTUATION.indexOf(cp) >= 0) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    /** Joins words with spaces, with no space before closing punctuation or after opening marks. */
    public static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        boolean glueNext = true;
        for (String w : words) {
            boolean closing = w.length() == 1 && PUNCTUATION.indexOf(w.charAt(0)) >= 0 && OPENING.indexOf(w.charAt(0)) < 0
                    && w.charAt(0) != '"';
            if (!glueNext && !closing) {
                out.append(' ');
            }
            out.append(w);
            glueNext = w.length() == 1 && OPENING.indexOf(w.charAt(0)) >= 0;
        }
        return out.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}

package bloom.nmt.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU (Papineni et al. 2002) as sacreBLEU computes it by default: 13a tokenisation
 * (mteval-v13a), n-grams up to 4, one reference per sentence, clipped counts summed over the
 * corpus, brevity penalty, and "exp" smoothing for an n-gram order with no match.
 */
public final class Bleu {

    public static final int MAX_ORDER = 4;

    /** The 13a tokeniser's rules, in order (sacreBLEU's TokenizerRegexp). */
    private static final Pattern PUNCTUATION = Pattern.compile("([\\{-~\\[-` -&\\(-\\+:-@/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /**
     * A corpus score with its statistics.
     *
     * @param score      BLEU in [0, 100]
     * @param precisions n-gram precisions in percent, after smoothing
     * @param brevity    brevity penalty
     */
    public record Score(double score, double[] precisions, double brevity, long hypothesisLength, long referenceLength) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "BLEU = %.2f %.1f/%.1f/%.1f/%.1f (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                    score, precisions[0], precisions[1], precisions[2], precisions[3], brevity,
                    referenceLength == 0 ? 0.0 : hypothesisLength / (double) referenceLength, hypothesisLength, referenceLength);
        }
    }

    private Bleu() {}

    /** sacreBLEU's 13a tokenisation of one line. */
    public static String tokenize13a(String line) {
        line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        line = " " + line + " ";
        line = PUNCTUATION.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return String.join(" ", line.trim().split("\\s+"));
    }

    public static Score corpus(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses for " + references.size() + " references");
        }
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            String[] hyp = words(tokenize13a(hypotheses.get(i)));
            String[] ref = words(tokenize13a(references.get(i)));
            sysLen += hyp.length;
            refLen += ref.length;
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<String, Integer> refCounts = ngrams(ref, n);
                Map<String, Integer> hypCounts = ngrams(hyp, n);
                for (Map.Entry<String, Integer> e : hypCounts.entrySet()) {
                    correct[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                }
                total[n - 1] += Math.max(0, hyp.length - n + 1);
            }
        }
        double[] precisions = new double[MAX_ORDER];
        double smooth = 1;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (total[n] == 0) {
                break;
            }
            if (correct[n] == 0) {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        if (correct[0] == 0) {
            return new Score(0, precisions, 0, sysLen, refLen);
        }
        double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / (double) sysLen) : 0) : 1;
        double logSum = 0;
        for (double p : precisions) {
            logSum += p > 0 ? Math.log(p) : -9999999999.0;
        }
        double score = bp * Math.exp(logSum / MAX_ORDER);
        return new Score(score, precisions, bp, sysLen, refLen);
    }

    private static String[] words(String tokenized) {
        return tokenized.isEmpty() ? new String[0] : tokenized.split(" ");
    }

    private static Map<String, Integer> ngrams(String[] words, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= words.length; i++) {
            StringBuilder sb = new StringBuilder(words[i]);
            for (int j = 1; j < n; j++) {
                sb.append(' ').append(words[i + j]);
            }
            counts.merge(sb.toString(), 1, Integer::sum);
        }
        return counts;
    }
}

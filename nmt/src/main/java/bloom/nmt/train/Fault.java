package bloom.nmt.train;

import java.util.Locale;

/**
 * A fault injected on purpose at one minibatch, to prove that anomaly detection finds it:
 * {@code lr-spike@B} trains batch B (the B-th minibatch of the run, counting from 1) with 100
 * times the learning rate; {@code corrupt-batch@B} trains it on target sentences replaced by
 * random tokens, each as long as the longest sentence allowed; {@code nan@B} trains it with a
 * learning rate of NaN, so the parameters and every later loss are NaN. Nothing else changes:
 * the batch is recorded like any other.
 */
public record Fault(Kind kind, long batch) {

    /** How much the learning rate jumps at an lr-spike. */
    public static final double LR_FACTOR = 100;

    public enum Kind {
        LR_SPIKE("lr-spike"), CORRUPT_BATCH("corrupt-batch"), NAN("nan");

        final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }
    }

    public Fault {
        if (batch < 1) {
            throw new IllegalArgumentException("fault batch " + batch + ": expected 1 or more");
        }
    }

    /** Parses {@code KIND@B}; the message of the exception says what was expected. */
    public static Fault parse(String text) {
        int at = text.indexOf('@');
        String kind = at < 0 ? text : text.substring(0, at);
        for (Kind k : Kind.values()) {
            if (k.spelling.equals(kind.toLowerCase(Locale.ROOT))) {
                if (at < 0) {
                    break;
                }
                try {
                    return new Fault(k, Long.parseLong(text.substring(at + 1)));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "': expected lr-spike@B, corrupt-batch@B or nan@B with B a batch number (1 or more)");
    }

    @Override
    public String toString() {
        return kind.spelling + "@" + batch;
    }
}

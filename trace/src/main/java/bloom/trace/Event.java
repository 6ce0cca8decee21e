package bloom.trace;

import java.util.Locale;

/**
 * Something a person did to a running training, recorded where it took effect: after minibatch
 * {@code step}, before the next one.
 *
 * @param step the minibatches done when it took effect (0: before the first)
 * @param kind what it was
 * @param text its value: the learning rate set, a mark's words, the fault injected; may be empty
 */
public record Event(long step, Kind kind, String text) {

    /** The controls a user has. */
    public enum Kind {
        PAUSE, RESUME, LEARNING_RATE, MARK, INJECT, STOP;

        /** The lower-case name used in files, on the page and on the command line: pause, learning-rate, … */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind spelled {@code s}, or null. */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.spelling().equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Longest text a trace record holds, in characters. */
    public static final int MAX_TEXT = 2000;

    public Event {
        if (step < 0) {
            throw new IllegalArgumentException("event step " + step + ": expected 0 or more");
        }
        java.util.Objects.requireNonNull(kind);
        text = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    /** "batch 120: learning-rate 0.001". */
    public String describe() {
        return "batch " + step + ": " + kind.spelling() + (text.isEmpty() ? "" : " " + text);
    }
}

package bloom.nmt.train;

import java.util.List;

/**
 * What a person asks of a running training, polled by the trainer between minibatches: pause,
 * resume, a new learning rate, a mark, a fault to inject, a graceful stop. Plain Java, so the
 * live page, a command line or a test can steer without the trainer knowing which.
 */
@FunctionalInterface
public interface Steering {

    /** One request. */
    record Control(bloom.trace.Event.Kind kind, String text) {
        public Control {
            java.util.Objects.requireNonNull(kind);
            text = text == null ? "" : text;
        }
    }

    /**
     * The requests that arrived since the last call, oldest first; never blocks. Called on the
     * training thread after every minibatch (and every ~50 ms while paused).
     */
    List<Control> poll();

    /** Nobody steers. */
    Steering NONE = List::of;
}

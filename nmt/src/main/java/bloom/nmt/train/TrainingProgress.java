package bloom.nmt.train;

/** Status of a training run, as plain values; implementations draw progress bars or log. */
public interface TrainingProgress {

    TrainingProgress NONE = new TrainingProgress() { };

    /** A phase begins: "learning BPE", "translating the test set". */
    default void phase(String description) { }

    /** A minibatch finished: {@code step} of {@code totalSteps}. */
    default void step(long step, long totalSteps, int epoch, double loss) { }

    /** A control took effect (or was refused) between minibatches: training goes on. */
    default void control(String description) {
        phase(description);
    }

    /** A validation BLEU was measured after {@code step} minibatches. */
    default void validation(long step, double bleu, int sentences) { }

    /** Decoding progress: {@code done} of {@code total} sentences. */
    default void decoding(int done, int total) { }
}

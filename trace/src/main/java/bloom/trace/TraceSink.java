package bloom.trace;

/** Where the training hook sends its records: a trace file, a list in a test, a network. */
public interface TraceSink {

    void step(StepRecord record);

    void embeddings(EmbeddingSnapshot snapshot);

    /** A validation score measured during training; sinks that keep no scores ignore it. */
    default void evaluation(Evaluation evaluation) {}

    /** A control that took effect; sinks that keep no events ignore it. */
    default void event(Event event) {}
}

package bloom.trace;

/**
 * A validation measured during training: BLEU of greedy translations of held-out sentences.
 *
 * @param step      the minibatches done when it was measured
 * @param bleu      corpus BLEU, 0 to 100
 * @param sentences how many validation sentences were translated
 */
public record Evaluation(long step, double bleu, int sentences) {}

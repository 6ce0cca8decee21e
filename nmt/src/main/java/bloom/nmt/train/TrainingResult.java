package bloom.nmt.train;

import bloom.nmt.eval.Bleu;

/**
 * What a finished run reports.
 *
 * @param steps           minibatches trained in all (including before a resume)
 * @param epochsCompleted whole passes over the data
 * @param skippedPairs    training pairs dropped for being longer than the limit
 * @param bleu            corpus BLEU on the test sentences
 * @param testSentences   how many test sentences were translated
 * @param secondsPerStep  mean wall time per minibatch in this session
 * @param stoppedNonFinite the minibatch at which training stopped for a non-finite value, or 0
 */
public record TrainingResult(long steps, int epochsCompleted, int skippedPairs, Bleu.Score bleu, int testSentences,
                             double secondsPerStep, long stoppedNonFinite) {}

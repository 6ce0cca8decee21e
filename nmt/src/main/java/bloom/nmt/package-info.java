/**
 * The translator whose training Bloom draws: corpora, byte-pair encoding, the DL4J
 * sequence-to-sequence model, BLEU, and the training hook that records every minibatch.
 * Knows nothing of colours or flames.
 */
package bloom.nmt;

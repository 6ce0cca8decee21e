/**
 * Training runs: data preparation (BPE, vocabularies), the minibatch loop with the training
 * hook attached, checkpoints to resume from, and the final BLEU evaluation.
 */
package bloom.nmt.train;

package bloom.nmt.train;

import bloom.nmt.model.Seq2SeqConfig;

/**
 * Everything a training run needs besides its corpus and directory.
 *
 * @param model           the translator's hyper-parameters
 * @param batchSize       sentence pairs per minibatch
 * @param epochs          passes over the training data
 * @param maxBatches      stop after this many minibatches in all; 0 for no limit
 * @param bpeMerges       byte-pair merges learned from the training data
 * @param maxTokens       training pairs longer than this (in subword tokens, either side) are skipped
 * @param sketchDims      dimensions of the update sketch recorded per minibatch
 * @param snapshotEvery   minibatches between target-embedding snapshots in the trace
 * @param checkpointEvery minibatches between checkpoints (also one per epoch)
 * @param evalSentences   test sentences translated for BLEU at the end; 0 for all
 * @param seed            seeds batching and the sketch (the model has its own in {@code model})
 * @param validEvery      minibatches between validation BLEU measurements, recorded in the trace; 0 for none
 * @param validSentences  validation sentences translated each time (the first of the corpus's validation split)
 */
public record TrainingConfig(Seq2SeqConfig model, int batchSize, int epochs, long maxBatches, int bpeMerges,
                             int maxTokens, int sketchDims, int snapshotEvery, int checkpointEvery,
                             int evalSentences, long seed, int validEvery, int validSentences) {

    /** Without validation during training. */
    public TrainingConfig(Seq2SeqConfig model, int batchSize, int epochs, long maxBatches, int bpeMerges,
                          int maxTokens, int sketchDims, int snapshotEvery, int checkpointEvery,
                          int evalSentences, long seed) {
        this(model, batchSize, epochs, maxBatches, bpeMerges, maxTokens, sketchDims, snapshotEvery, checkpointEvery,
                evalSentences, seed, 0, 0);
    }

    public TrainingConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size: " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("Invalid number of epochs: " + epochs);
        }
        if (maxBatches < 0) {
            throw new IllegalArgumentException("Invalid number of batches: " + maxBatches);
        }
        if (bpeMerges < 0) {
            throw new IllegalArgumentException("Invalid number of BPE merges: " + bpeMerges);
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("Invalid maximum sentence length: " + maxTokens + " tokens");
        }
        if (sketchDims < 1 || sketchDims > 4096) {
            throw new IllegalArgumentException("Invalid sketch dimension: " + sketchDims + " (expected 1 to 4096)");
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("Invalid snapshot interval: " + snapshotEvery);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("Invalid checkpoint interval: " + checkpointEvery);
        }
        if (validEvery < 0) {
            throw new IllegalArgumentException("Invalid validation interval: " + validEvery);
        }
        if (validSentences < 0) {
            throw new IllegalArgumentException("Invalid number of validation sentences: " + validSentences);
        }
        if (evalSentences < 0) {
            throw new IllegalArgumentException("Invalid number of evaluation sentences: " + evalSentences);
        }
    }
}

/**
 * The trace: an append-only binary record of every minibatch (loss, norms, the step sketch) and
 * of periodic target-embedding snapshots, readable after a crash. It is the contract between
 * training and rendering: rendering can be repeated from it without retraining.
 */
package bloom.trace;

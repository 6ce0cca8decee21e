/**
 * The sequence-to-sequence translator: a DL4J ComputationGraph with a bidirectional LSTM
 * encoder and a teacher-forced LSTM decoder, its minibatches and greedy decoding.
 */
package bloom.nmt.model;

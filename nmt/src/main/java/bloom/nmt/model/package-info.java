/**
 * The sequence-to-sequence translator as Bloom trains it ({@link bloom.nmt.model.Seq2SeqModel}
 * over {@link bloom.nmt.net.Translator}), its minibatches, and the DL4J graph of the same network
 * kept as a reference.
 */
package bloom.nmt.model;

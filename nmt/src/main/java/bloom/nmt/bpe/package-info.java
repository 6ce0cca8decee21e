/**
 * Byte-pair encoding (Sennrich, Haddow and Birch 2016) learned from the training sentences, the
 * pre-tokeniser that separates punctuation, and the token vocabularies of the two languages.
 */
package bloom.nmt.bpe;

/**
 * Parallel corpora: sentence pairs read from TSV or line-aligned text files, or generated
 * deterministically from a Spanish-English grammar, and their train/validation/test splits.
 */
package bloom.nmt.corpus;

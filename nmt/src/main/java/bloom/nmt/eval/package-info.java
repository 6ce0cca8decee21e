/** Translation quality: corpus BLEU with sacreBLEU's 13a tokenisation. */
package bloom.nmt.eval;

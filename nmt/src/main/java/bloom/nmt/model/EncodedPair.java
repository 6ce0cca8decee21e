package bloom.nmt.model;

/** A sentence pair as token ids, without start or end tokens. */
public record EncodedPair(int[] source, int[] target) {}

/**
 * Colour from embeddings: target-embedding snapshots are projected to three dimensions by PCA
 * (Smile), each sampled token's movement in that space becomes a walk through RGB, and the walks
 * are stacked across time into 256-entry palettes that drift as training goes. Knows nothing of
 * DL4J or flames: it takes matrices and gives colours.
 */
package bloom.palette;

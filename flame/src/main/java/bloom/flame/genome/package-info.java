/**
 * The genome: an iterated function system of xforms (affine maps followed by weighted sums of
 * variations), a palette, a camera and the tone-mapping settings, as immutable records.
 */
package bloom.flame.genome;

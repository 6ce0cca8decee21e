/**
 * Shape from optimisation: each minibatch's step sketch moves the affine coefficients of a base
 * genome's xforms, so the flame changes as much as the network did.
 */
package bloom.flame.fold;

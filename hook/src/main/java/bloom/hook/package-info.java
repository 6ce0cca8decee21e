/**
 * The training hook: a DL4J listener over plain data that works with any network. Once per
 * minibatch it records the loss, the raw gradient norm, the applied update's norm and a
 * fixed-seed sketch of it, and periodically a snapshot of an embedding matrix.
 */
package bloom.hook;

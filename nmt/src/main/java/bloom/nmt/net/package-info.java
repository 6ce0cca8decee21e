/**
 * The translator's network on plain float arrays: matrix products and element-wise kernels on
 * the Vector API, LSTM layers, attention, forward and backward passes, SGD and Adam.
 */
package bloom.nmt.net;

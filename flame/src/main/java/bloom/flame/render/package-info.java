/**
 * Rendering: a genome compiled into flat arrays, the {@link bloom.flame.render.Renderer}
 * contract its backends implement, the multi-threaded CPU chaos game, and the histogram ->
 * density estimation -> log-density tone mapping -> image pipeline.
 */
package bloom.flame.render;

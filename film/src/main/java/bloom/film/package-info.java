/**
 * From trace to film, without knowing of training: {@link bloom.film.FramePlanner} plans any
 * frame from the trace, {@link bloom.film.RenderJob} renders a run into resumable MP4 segments
 * and joins them, {@link bloom.film.RunDirectory} names what a run directory holds,
 * {@link bloom.film.Inspection} finds the batches worth looking at, {@link bloom.film.Report}
 * and {@link bloom.film.ContactSheet} show them, {@link bloom.film.Mp4Encoder} writes video.
 * Failures a user can act on are {@link bloom.film.FilmException}s; long work reports through
 * {@link bloom.film.Progress}.
 */
package bloom.film;

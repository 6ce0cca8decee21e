package bloom.film;

import bloom.flame.fold.FoldSettings;
import bloom.palette.PaletteOptions;

/**
 * How a recorded run becomes a video.
 *
 * @param genome        base genome: an embedded name or a flame file
 * @param genomeIndex   which genome of a multi-genome file
 * @param size          video frame size
 * @param quality       samples per pixel per frame
 * @param oversample    histogram cells per pixel along each axis
 * @param fps           frames per second of the video (one frame per minibatch)
 * @param threads       rendering threads
 * @param crf           x264 constant rate factor
 * @param png           also write every frame as a PNG
 * @param palette       embedding drift to colour
 * @param fold          optimizer step to shape
 * @param segmentFrames frames per resumable video segment
 * @param seed          the render seed: every frame uses it, so noise does not flicker
 * @param caption       burn a caption into the video: batch, loss, validation BLEU and recent events
 * @param codec         the video codec: H.264, or H.265 for 4K gallery players
 */
public record RenderSettings(String genome, int genomeIndex, Size size, double quality, int oversample, double fps,
                             int threads, int crf, boolean png, PaletteOptions palette, FoldSettings fold,
                             int segmentFrames, long seed, boolean caption, Mp4Encoder.Codec codec)
        implements java.io.Serializable {

    /** Without a caption. */
    public RenderSettings(String genome, int genomeIndex, Size size, double quality, int oversample, double fps,
                          int threads, int crf, boolean png, PaletteOptions palette, FoldSettings fold,
                          int segmentFrames, long seed) {
        this(genome, genomeIndex, size, quality, oversample, fps, threads, crf, png, palette, fold, segmentFrames, seed, false,
                Mp4Encoder.Codec.H264);
    }

    /** These settings with the caption on or off. */
    public RenderSettings withCaption(boolean on) {
        return new RenderSettings(genome, genomeIndex, size, quality, oversample, fps, threads, crf, png, palette, fold,
                segmentFrames, seed, on, codec);
    }

    /** These settings with another base genome. */
    public RenderSettings withGenome(String name, int index) {
        return new RenderSettings(name, index, size, quality, oversample, fps, threads, crf, png, palette, fold,
                segmentFrames, seed, caption, codec);
    }


    public RenderSettings {
        size.requireEven("--size");
        if (codec == null) {
            codec = Mp4Encoder.Codec.H264;
        }
        if (!(quality > 0) || Double.isInfinite(quality)) {
            throw FilmException.usage("--quality " + quality + ": expected a positive number of samples per pixel");
        }
        if (oversample < 1 || oversample > 8) {
            throw FilmException.usage("--oversample " + oversample + ": expected 1 to 8");
        }
        if (!(fps > 0) || fps > 240) {
            throw FilmException.usage("--fps " + fps + ": expected more than 0 and at most 240");
        }
        checkThreads(threads);
        if (crf < 0 || crf > 51) {
            throw FilmException.usage("--crf " + crf + ": expected 0 (lossless) to 51");
        }
        if (segmentFrames < 1) {
            throw FilmException.usage("--segment-frames " + segmentFrames + ": expected at least 1");
        }
    }

    /** Most rendering threads (random streams, each with its own histogram). */
    public static final int MAX_THREADS = 256;

    public static void checkThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw FilmException.usage("--threads " + threads + ": expected 1 to " + MAX_THREADS);
        }
    }

    /**
     * Refuses, before any work, a render of {@code base} with these settings that the heap
     * could not hold (one line with both figures; exit code UNAVAILABLE).
     */
    public void checkMemory(bloom.flame.genome.Genome base) {
        bloom.flame.render.ChaosGame.checkMemory(base, new bloom.flame.render.RenderSpec(size.width(), size.height(),
                quality, oversample, seed, threads));
    }
}

package bloom.film;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One entry of a video's frame index ({@code frames.json}, or {@code NAME.frames.json} beside
 * {@code NAME.mp4}): which minibatch the frame shows and what was measured there. The file is a
 * JSON array of these, in frame order; a value that was not finite is written as null.
 *
 * @param frame        frame number, from 0
 * @param step         the minibatch it shows, from 1
 * @param epoch        that minibatch's epoch, from 0
 * @param loss         its training loss
 * @param gradNorm     its gradient norm, before clipping
 * @param updateNorm   the norm of the update the optimizer applied
 * @param updateRatio  update norm over parameter norm
 * @param finite       whether loss, gradient and update were all finite
 * @param relativeStep the step's size against the run's first steps and the steps around it, as the fold used it
 * @param change       mean absolute pixel difference from the previous frame (null for frame 0)
 * @param paletteStep  where the frame's palette stands between embedding snapshots, in steps
 * @param genome       digest of the frame's flame
 */
public record FrameEntry(int frame, long step, int epoch, Double loss, Double gradNorm, Double updateNorm, Double updateRatio,
                  boolean finite, Double relativeStep, Double change, Double paletteStep, String genome) {

    private static final TypeReference<List<FrameEntry>> LIST = new TypeReference<>() {};

    /** {@code v}, or NaN for null: for arithmetic over the index. */
    public static double value(Double v) {
        return v == null ? Double.NaN : v;
    }

    public static List<FrameEntry> read(Path file) throws IOException {
        try {
            return Json.mapper().readValue(file.toFile(), LIST);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a frame index (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static void write(Path file, List<FrameEntry> entries) throws IOException {
        Json.write(file, entries);
    }
}

package bloom.cli.option;

import bloom.cli.BloomException;
import bloom.film.RenderSettings;
import bloom.film.Size;
import bloom.flame.fold.FoldSettings;
import bloom.palette.PaletteOptions;
import picocli.CommandLine.Option;

/** How a recorded run is drawn. */
public final class RenderOptions {

    @Option(names = "--genome", paramLabel = "NAME|FILE", defaultValue = "star", order = 40,
            description = "Base flame: an embedded genome (star, lattice, tangle) or a flam3/Ember .flame file "
                    + "(default: ${DEFAULT-VALUE}).")
    public String genome;

    @Option(names = "--index", paramLabel = "I", defaultValue = "0", order = 41,
            description = "Which genome of a multi-genome file (default: ${DEFAULT-VALUE}).")
    public int index;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x360", converter = SizeConverter.class, order = 42,
            description = "Frame size; both sides even (default: ${DEFAULT-VALUE}).")
    public Size size;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "15", order = 43,
            description = "Samples per pixel per frame; 200-1000 for a gallery film (default: ${DEFAULT-VALUE}).")
    public double quality;

    @Option(names = "--oversample", paramLabel = "N", defaultValue = "1", order = 44,
            description = "Histogram cells per pixel along each axis, for finer detail (default: ${DEFAULT-VALUE}).")
    public int oversample;

    @Option(names = "--fps", paramLabel = "F", defaultValue = "25", order = 45,
            description = "Frames per second; each frame is one minibatch (default: ${DEFAULT-VALUE}).")
    public double fps;

    @Option(names = "--threads", paramLabel = "N", order = 46,
            description = "Rendering threads (default: every core).")
    public Integer threads;

    @Option(names = "--crf", paramLabel = "N", defaultValue = "18", order = 47,
            description = "H.264 quality: 0 lossless, 18 visually lossless, 23 smaller (default: ${DEFAULT-VALUE}).")
    public int crf;

    @Option(names = "--png", arity = "0..1", defaultValue = "false", fallbackValue = "true", order = 48,
            description = "Also write every frame as frames/NNNNNN.png.")
    public boolean png;

    @Option(names = "--palette-tokens", paramLabel = "N", defaultValue = "" + PaletteOptions.DEFAULT_TOKENS, order = 50,
            description = "Tokens whose embedding drift colours the palette, one band each (default: ${DEFAULT-VALUE}).")
    public int paletteTokens;

    @Option(names = "--palette-temperature", paramLabel = "T", defaultValue = "" + PaletteOptions.DEFAULT_TEMPERATURE, order = 51,
            description = "Colour change per unit of embedding movement; 1 lets the median token cross the RGB cube once "
                    + "over the run (default: ${DEFAULT-VALUE}).")
    public double paletteTemperature;

    @Option(names = "--palette-truncate", paramLabel = "P", defaultValue = "" + PaletteOptions.DEFAULT_TRUNCATE, order = 52,
            description = "Probability that a band shows only the later part of its token's history (default: ${DEFAULT-VALUE}).")
    public double paletteTruncate;

    @Option(names = "--palette-bgr", paramLabel = "P", defaultValue = "" + PaletteOptions.DEFAULT_BGR, order = 53,
            description = "Probability that a band is read as BGR instead of RGB (default: ${DEFAULT-VALUE}).")
    public double paletteBgr;

    @Option(names = "--palette-seed", paramLabel = "N", order = 54,
            description = "Seed of the palette's token sample, start colour, truncations and flips (default: --seed); "
                    + "'bloom palettes' shows the choices.")
    public Long paletteSeed;

    @Option(names = "--fold-gain", paramLabel = "G", defaultValue = "" + FoldSettings.DEFAULT_GAIN, order = 60,
            description = "Coefficient change of a typical optimizer step (default: ${DEFAULT-VALUE}).")
    public double foldGain;

    @Option(names = "--fold-contrast", paramLabel = "C", defaultValue = "" + FoldSettings.DEFAULT_CONTRAST, order = 61,
            description = "How strongly neighbouring step sizes are told apart: one standard deviation of log step "
                    + "size among the 50 steps either side becomes a factor e^C in how far the flame moves, whatever "
                    + "the optimizer (Adam's steps vary by 3-30%%, plain SGD's tenfold); 0 moves each step by its "
                    + "size against the run's first steps only (default: ${DEFAULT-VALUE}).")
    public double foldContrast;

    @Option(names = "--fold-memory", paramLabel = "M", defaultValue = "" + FoldSettings.DEFAULT_MEMORY, order = 62,
            description = "Fraction of the accumulated shape change kept per step; 1 adds steps up forever "
                    + "(default: ${DEFAULT-VALUE}).")
    public double foldMemory;

    @Option(names = "--fold-colour", arity = "0..1", defaultValue = "false", fallbackValue = "true", order = 63,
            description = "Let steps also move each xform's colour.")
    public boolean foldColour;

    @Option(names = "--fold-opacity", arity = "0..1", defaultValue = "false", fallbackValue = "true", order = 64,
            description = "Let steps also move each xform's opacity.")
    public boolean foldOpacity;

    @Option(names = "--segment-frames", paramLabel = "N", defaultValue = "250", order = 70,
            description = "Frames per resumable video segment (default: ${DEFAULT-VALUE}).")
    public int segmentFrames;

    @Option(names = "--caption", order = 48,
            description = "Burn a caption into the video: batch, epoch, loss and validation BLEU, and for two seconds "
                    + "after each control (a mark, a new learning rate, a pause, an injected fault) its text; for "
                    + "scrubbing the MP4 in an ordinary player. Frames, previews and frames.json stay uncaptioned.")
    public boolean caption;

    @Option(names = "--codec", paramLabel = "h264|hevc", defaultValue = "h264", order = 49,
            description = "Video codec: h264 (H.264 High, plays everywhere) or hevc (H.265 Main: what common gallery "
                    + "players decode at 4K; larger sizes encode slower) (default: ${DEFAULT-VALUE}).")
    public String codec;

    public RenderSettings settings(long seed) {
        PaletteOptions palette;
        FoldSettings fold;
        try {
            palette = new PaletteOptions(paletteTokens, paletteTemperature, paletteTruncate, paletteBgr,
                    paletteSeed != null ? paletteSeed : seed);
            fold = new FoldSettings(foldGain, foldContrast, foldMemory, 0.35, 0.5, foldColour, foldOpacity, seed);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage(e.getMessage());
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        bloom.film.Mp4Encoder.Codec c;
        try {
            c = bloom.film.Mp4Encoder.Codec.parse(codec);
        } catch (IllegalArgumentException e) {
            throw BloomException.usage("--codec " + codec + ": expected h264 or hevc");
        }
        return new RenderSettings(genome, index, size, quality, oversample, fps, t, crf, png, palette, fold,
                segmentFrames, seed, caption, c);
    }
}

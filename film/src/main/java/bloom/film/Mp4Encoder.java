package bloom.film;

import bloom.flame.render.Image;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * H.264 video through JavaCV's FFmpeg (libx264, High profile, yuv420p: what ordinary players and
 * browsers play). Frames are encoded as they come, so memory does not grow with the length of a
 * run.
 */
public final class Mp4Encoder implements AutoCloseable {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width;
    private final int height;
    private long frames;

    /** The video codecs Bloom writes. */
    public enum Codec {
        /** H.264 High (libx264): plays everywhere. */
        H264("h264", "H.264"),
        /** H.265 Main (libx265): what common gallery players decode at 4K. */
        HEVC("hevc", "H.265");

        public final String spelling;
        public final String title;

        Codec(String spelling, String title) {
            this.spelling = spelling;
            this.title = title;
        }

        /** The codec spelled {@code s} (h264, hevc; also h265 and avc), or an exception saying what was expected. */
        public static Codec parse(String s) {
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "h264", "avc", "x264" -> {
                    return H264;
                }
                case "hevc", "h265", "x265" -> {
                    return HEVC;
                }
                default -> throw new IllegalArgumentException("codec '" + s + "': expected h264 or hevc");
            }
        }
    }

    /**
     * @param crf constant rate factor: 0 lossless, 18 visually lossless, 23 x264's default
     */
    public Mp4Encoder(Path file, int width, int height, double fps, int crf) throws IOException {
        this(file, width, height, fps, crf, Codec.H264);
    }

    /**
     * @param crf constant rate factor: 0 lossless; 18 visually lossless for H.264 (x265's scale
     *            is offset: the same number gives a smaller file of similar look)
     */
    public Mp4Encoder(Path file, int width, int height, double fps, int crf, Codec codec) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException(codec.title + " in yuv420p needs an even width and height, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize((int) Math.max(1, Math.round(fps * 2)));
        recorder.setVideoOption("crf", Integer.toString(crf));
        recorder.setVideoOption("preset", "medium");
        if (codec == Codec.H264) {
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setVideoOption("profile", "high");
            // x264's macroblock-tree rate control reads memory it has not written when the height is
            // not a multiple of 16 (360, 1080, ...): the same frames then encode differently from one
            // encoder to the next (measured: 5 of 20 encodes of the same 320x180 frames differed, 0 of
            // 20 without it). Without it every encode of the same frames is the same, so a segment
            // rendered again, on another thread or another machine, is the segment it replaces.
            recorder.setVideoOption("x264-params", "mbtree=0");
        } else {
            recorder.setVideoCodecName("libx265");
            recorder.setVideoOption("profile", "main");
            // x265's cutree is x264's mbtree: off for the same reason; and x265 reports to stderr unless told not to
            recorder.setVideoOption("x265-params", "cutree=0:log-level=error");
        }
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot start the " + codec.title + " encoder for " + file + ": " + e.getMessage(), e);
        }
        frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    }

    /** Encodes one frame. */
    public void write(Image image) throws IOException {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("Frame is " + image.width() + "x" + image.height() + ", video is " + width + "x" + height);
        }
        write(image.toBgr24());
    }

    /** Encodes one frame given as packed 0xRRGGBB pixels, row-major. */
    public void write(int[] rgb) throws IOException {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("Frame has " + rgb.length + " pixels, video is " + width + "x" + height);
        }
        byte[] bgr = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            bgr[3 * i] = (byte) rgb[i];
            bgr[3 * i + 1] = (byte) (rgb[i] >> 8);
            bgr[3 * i + 2] = (byte) (rgb[i] >> 16);
        }
        write(bgr);
    }

    private void write(byte[] bgr) throws IOException {
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 0; y < height; y++) {
            buf.position(y * stride);
            buf.put(bgr, y * width * 3, width * 3);
        }
        buf.rewind();
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("H.264 encoding failed at frame " + frames + ": " + e.getMessage(), e);
        }
        frames++;
    }

    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot finish the video: " + e.getMessage(), e);
        }
    }

    /**
     * Joins MP4 files of the same codec and size into one, without re-encoding (FFmpeg's concat
     * demuxer, which also continues the timestamps).
     */
    public static void concat(List<Path> parts, Path out) throws IOException {
        Path list = Files.createTempFile(out.toAbsolutePath().getParent(), "concat", ".txt");
        try {
            StringBuilder sb = new StringBuilder();
            for (Path p : parts) {
                sb.append("file '").append(p.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
            }
            Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(list.toFile())) {
                grabber.setFormat("concat");
                grabber.setOption("safe", "0");
                grabber.start();
                tagHevcForApple(grabber.getFormatContext());
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), grabber.getImageWidth(),
                        grabber.getImageHeight(), 0)) {
                    recorder.setFormat("mp4");
                    recorder.setOption("movflags", "+faststart");
                    recorder.start(grabber.getFormatContext());
                    AVPacket packet;
                    while ((packet = grabber.grabPacket()) != null) {
                        recorder.recordPacket(packet);
                    }
                    recorder.stop();
                }
                grabber.stop();
            }
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IOException("Cannot join the video segments into " + out + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /**
     * H.265 in MP4 is tagged hvc1 (parameter sets in the sample description), which Apple's
     * players and most gallery players want; FFmpeg's default, hev1, QuickTime refuses. The
     * joined film inherits the tag from its segments' streams.
     */
    private static void tagHevcForApple(org.bytedeco.ffmpeg.avformat.AVFormatContext ctx) {
        for (int i = 0; i < ctx.nb_streams(); i++) {
            org.bytedeco.ffmpeg.avcodec.AVCodecParameters par = ctx.streams(i).codecpar();
            if (par.codec_id() == avcodec.AV_CODEC_ID_HEVC) {
                par.codec_tag('h' | 'v' << 8 | 'c' << 16 | '1' << 24);
            }
        }
    }

    /** Receives decoded frames. */
    @FunctionalInterface
    public interface FrameSink {
        /** Frame {@code index}, {@code width} x {@code height}, as packed 0xRRGGBB per pixel (row-major, a fresh array). */
        void frame(int index, int width, int height, int[] rgb) throws IOException;
    }

    /**
     * Decodes every frame of a video to 8-bit RGB, read straight from FFmpeg's BGR24 rows.
     * (JavaCV's Java2DFrameConverter, the obvious alternative, returned different pixels for the
     * same file from one decode to the next.)
     *
     * @return the frames decoded
     */
    public static int decode(Path video, FrameSink sink) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        int n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
                int[] rgb = new int[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * stride + 3 * x;
                        rgb[y * w + x] = (buf.get(i + 2) & 0xFF) << 16 | (buf.get(i + 1) & 0xFF) << 8 | (buf.get(i) & 0xFF);
                    }
                }
                sink.frame(n++, w, h, rgb);
            }
            g.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Cannot read video " + video + ": " + e.getMessage(), e);
        }
        return n;
    }

    public record Probe(String codec, int width, int height, long frames, double fps, String pixelFormat) {}

    public static Probe probe(Path file) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            String codec = g.getVideoCodecName();
            int w = g.getImageWidth();
            int h = g.getImageHeight();
            double fps = g.getVideoFrameRate();
            String pix = "unknown";
            org.bytedeco.ffmpeg.avformat.AVFormatContext fc = g.getFormatContext();
            for (int i = 0; i < fc.nb_streams(); i++) {
                org.bytedeco.ffmpeg.avcodec.AVCodecParameters par = fc.streams(i).codecpar();
                if (par.codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    pix = avutil.av_get_pix_fmt_name(par.format()).getString();
                }
            }
            long n = 0;
            while (g.grabPacket() != null) {
                n++;
            }
            g.stop();
            return new Probe(codec, w, h, n, fps, pix);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Cannot read video " + file + ": " + e.getMessage(), e);
        }
    }
}

package bloom.film;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Every rendered frame as a small JPEG in the run's {@code preview/} directory, for the live page
 * and its scrubbing: at most {@link #MAX_WIDTH} pixels wide (about 30-60 kB at 640x360). Written
 * by the renderer as each frame is made (name, then rename: a reader never sees half a file);
 * a run rendered without them gets them from its video ({@link #fromVideo}).
 */
public final class Previews {

    public static final String DIR = "preview";
    public static final int MAX_WIDTH = 640;
    private static final float QUALITY = 0.85f;

    private Previews() {}

    /** Where frame {@code frame}'s preview is. */
    public static Path path(Path run, int frame) {
        return run.resolve(DIR).resolve(String.format(Locale.ROOT, "%06d.jpg", frame));
    }

    /** Writes frame {@code frame} (packed 0xRRGGBB, {@code width} x {@code height}) as its preview. */
    public static void write(Path run, int frame, int[] rgb, int width, int height) throws IOException {
        Path file = path(run, frame);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, jpeg(rgb, width, height));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The frame as a JPEG, box-filtered down to {@link #MAX_WIDTH} wide if it is wider. */
    public static byte[] jpeg(int[] rgb, int width, int height) throws IOException {
        int factor = (width + MAX_WIDTH - 1) / MAX_WIDTH;
        int w = width / factor;
        int h = Math.max(1, height / factor);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (factor == 1) {
            img.setRGB(0, 0, w, h, rgb, 0, width);
        } else {
            int[] out = new int[w * h];
            int n = factor * factor;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = 0, g = 0, b = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = (y * factor + dy) * width + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            int p = rgb[row + dx];
                            r += p >> 16 & 0xff;
                            g += p >> 8 & 0xff;
                            b += p & 0xff;
                        }
                    }
                    out[y * w + x] = (r / n) << 16 | (g / n) << 8 | b / n;
                }
            }
            img.setRGB(0, 0, w, h, out, 0, w);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** How many previews there are from frame 0 on without a gap. */
    public static int count(Path run) {
        int n = 0;
        while (Files.exists(path(run, n))) {
            n++;
        }
        return n;
    }

    /** Makes the previews a run's video holds and its preview directory lacks; returns how many frames there are. */
    public static int fromVideo(Path run, Path video, Progress progress) throws IOException {
        int have = count(run);
        long total = Mp4Encoder.probe(video).frames();
        if (have >= total) {
            return have;
        }
        Progress.Bar bar = progress.bar("previews", total, "frames");
        int n = Mp4Encoder.decode(video, (index, width, height, rgb) -> {
            if (index >= have) {
                write(run, index, rgb, width, height);
            }
            bar.update(index + 1, "");
        });
        bar.finish("");
        return n;
    }
}

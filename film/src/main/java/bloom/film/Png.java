package bloom.film;

import bloom.flame.render.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** 8-bit RGB PNG output. */
public final class Png {

    private Png() {}

    public static void write(Image image, Path file) throws IOException {
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, image.width(), image.height(), image.toRgb8(), 0, image.width());
        write(bi, file);
    }

    /**
     * Writes 8 or 16 bits per channel, opaque (RGB, composited over the background) or
     * transparent (RGBA, the flame alone with its coverage as alpha).
     */
    public static void write(Image image, Path file, int bits, boolean alpha) throws IOException {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("PNG depth must be 8 or 16 bits, got " + bits);
        }
        if (bits == 8 && !alpha) {
            write(image, file);
            return;
        }
        int w = image.width();
        int h = image.height();
        int channels = alpha ? 4 : 3;
        float[] px = alpha ? image.straightAlpha() : image.rgba();
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        int type = bits == 16 ? java.awt.image.DataBuffer.TYPE_USHORT : java.awt.image.DataBuffer.TYPE_BYTE;
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(cs, alpha, false,
                alpha ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE, type);
        java.awt.image.WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        int max = bits == 16 ? 65535 : 255;
        int[] pixel = new int[channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                for (int c = 0; c < channels; c++) {
                    pixel[c] = Math.round(Math.max(0f, Math.min(1f, px[o + c])) * max);
                }
                raster.setPixel(x, y, pixel);
            }
        }
        write(new BufferedImage(cm, raster, false, null), file);
    }

    /**
     * Encodes in memory, then writes with {@link Files#write}: ImageIO's own file output swallows
     * errors on close, so a full disk would lose the image silently.
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("No PNG writer available");
        }
        try {
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A PNG (any ImageIO reads) as an opaque image. */
    public static Image read(Path png) throws IOException {
        BufferedImage b = ImageIO.read(png.toFile());
        if (b == null) {
            throw new IOException(png + ": not an image ImageIO can read");
        }
        int w = b.getWidth();
        int h = b.getHeight();
        float[] px = new float[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = b.getRGB(x, y);
                int o = (y * w + x) * 4;
                px[o] = ((p >> 16) & 0xff) / 255f;
                px[o + 1] = ((p >> 8) & 0xff) / 255f;
                px[o + 2] = (p & 0xff) / 255f;
                px[o + 3] = 1;
            }
        }
        return new Image(w, h, px);
    }
}

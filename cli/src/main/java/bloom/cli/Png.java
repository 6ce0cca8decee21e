package bloom.cli;

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
}

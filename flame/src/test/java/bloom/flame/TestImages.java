package bloom.flame;

import bloom.flame.genome.Genome;
import bloom.flame.render.Image;
import bloom.flame.xml.FlameXml;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test inputs from the classpath. */
public final class TestImages {

    private TestImages() {}

    public static Genome genome(String resource) {
        try (InputStream in = TestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return FlameXml.parse(in, resource).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG file as an {@link Image} (alpha 1). */
    public static Image png(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return png(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG as an {@link Image} (alpha 1). */
    public static Image png(String resource) {
        try (InputStream in = TestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return png(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Image png(InputStream in) throws IOException {
        {
            BufferedImage b = ImageIO.read(in);
            int w = b.getWidth();
            int h = b.getHeight();
            float[] rgba = new float[w * h * 4];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = b.getRGB(x, y);
                    int o = (y * w + x) * 4;
                    rgba[o] = ((p >> 16) & 0xff) / 255f;
                    rgba[o + 1] = ((p >> 8) & 0xff) / 255f;
                    rgba[o + 2] = (p & 0xff) / 255f;
                    rgba[o + 3] = 1;
                }
            }
            return new Image(w, h, rgba);
        }
    }

    /** Mean luminance, in [0, 1]. */
    public static double meanLuminance(Image img) {
        double s = 0;
        for (float v : img.luminance()) {
            s += v;
        }
        return s / (img.width() * (double) img.height());
    }
}

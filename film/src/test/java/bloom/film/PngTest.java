package bloom.film;

import bloom.flame.render.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bloom's PNG encoder, read back by ImageIO's decoder, sample for sample. */
class PngTest {

    /** An image with smooth areas (where the filters matter), noise, black, white and out-of-range values. */
    private static Image image(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] px = new float[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                for (int c = 0; c < 4; c++) {
                    float v = switch ((x / 7 + y / 5 + c) % 4) {
                        case 0 -> (x + y * c) / (float) (w + h * 3); // gradients
                        case 1 -> (float) rnd.nextDouble(); // noise
                        case 2 -> (float) (rnd.nextDouble() * 1.6 - 0.3); // clamped at 0 and 1
                        default -> c == 3 ? 1 : 0;
                    };
                    px[o + c] = v;
                }
            }
        }
        return new Image(w, h, px, new double[] {0.2, 0.1, 0.05});
    }

    private static int expected(float v, int max) {
        return v <= 0 ? 0 : v >= 1 ? max : Math.round(v * max);
    }

    @Test
    void everyDepthAndLayoutDecodesToTheSamples() throws IOException {
        int[][] sizes = {{1, 1}, {2, 3}, {17, 9}, {64, 40}, {301, 7}};
        for (int[] s : sizes) {
            Image img = image(s[0], s[1], s[0] * 31L + s[1]);
            for (int bits : new int[] {8, 16}) {
                for (boolean alpha : new boolean[] {false, true}) {
                    String what = s[0] + "x" + s[1] + ", " + bits + " bits, alpha " + alpha;
                    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Png.encode(img, bits, alpha)));
                    assertEquals(s[0], decoded.getWidth(), what);
                    assertEquals(s[1], decoded.getHeight(), what);
                    Raster r = decoded.getRaster();
                    int channels = alpha ? 4 : 3;
                    assertEquals(channels, r.getNumBands(), what);
                    assertEquals(bits, decoded.getColorModel().getComponentSize(0), what);
                    float[] px = alpha ? img.straightAlpha() : img.rgba();
                    int max = bits == 16 ? 65535 : 255;
                    for (int y = 0; y < s[1]; y++) {
                        for (int x = 0; x < s[0]; x++) {
                            for (int c = 0; c < channels; c++) {
                                assertEquals(expected(px[(y * s[0] + x) * 4 + c], max), r.getSample(x, y, c),
                                        what + " at " + x + "," + y + " channel " + c);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsAreFilteredWithUp() throws Exception {
        int w = 5, h = 3;
        Image img = image(w, h, 9);
        byte[] png = Png.encode(img, 8, false);
        // the IDAT chunks' data, concatenated and inflated: per row a filter byte and its bytes
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.hasRemaining()) {
            int length = in.getInt();
            String type = new String(png, in.position(), 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                idat.write(png, in.position() + 4, length);
            }
            in.position(in.position() + 4 + length + 4);
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] raw = new byte[h * (1 + 3 * w)];
        assertEquals(raw.length, inflater.inflate(raw));
        assertTrue(inflater.finished());
        float[] px = img.rgba();
        for (int y = 0; y < h; y++) {
            assertEquals(2, raw[y * (1 + 3 * w)], "row " + y + ": filter type 2 (Up)");
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int above = y == 0 ? 0 : expected(px[((y - 1) * w + x) * 4 + c], 255);
                    int here = expected(px[(y * w + x) * 4 + c], 255);
                    assertEquals((byte) (here - above), raw[y * (1 + 3 * w) + 1 + 3 * x + c], x + "," + y + " channel " + c);
                }
            }
        }
    }

    @Test
    void aLargeImageSpansSeveralDataChunksAndStaysSmallWhereItIsSmooth(@TempDir Path dir) throws IOException {
        int w = 640, h = 360;
        float[] px = new float[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            px[4 * i] = (i % w) / (float) w;
            px[4 * i + 1] = (i / w) / (float) h;
            px[4 * i + 3] = 1;
        }
        Path file = dir.resolve("sub/gradient.png");
        Png.write(new Image(w, h, px), file);
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length < w * h * 3 / 20, "a smooth gradient compresses: " + bytes.length + " bytes");
        Image back = Png.read(file);
        assertEquals(w, back.width());
        assertEquals(Math.round(0.5f * 255) / 255f, back.rgba()[(10 * w + w / 2) * 4], 1e-6);
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
        IOException e = assertThrows(IOException.class,
                () -> Png.write(image(4, 4, 1), blocker.resolve("still.png")));
        assertTrue(e.getMessage().contains("plain-file"), e.getMessage());
    }
}

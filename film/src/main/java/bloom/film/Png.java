package bloom.film;

import bloom.flame.render.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG output (RGB or RGBA, 8 or 16 bits per channel) and input.
 *
 * <p>The encoder is Bloom's own, after the PNG specification (ISO/IEC 15948): every row is
 * filtered with "Up" (each byte less the byte above it) and the rows are deflated at level 4. It
 * replaces ImageIO, which a still's process loaded with AWT's image classes for this one file: a
 * 640x360 still took 65 to 80 ms to write, about as long as its whole tone mapping. A still's
 * process runs the encoder once, before the JIT has compiled it, so its cost is the interpreter's:
 * choosing each row's filter by the specification's heuristic (the least sum of absolute
 * differences over all five filters) took 41 to 43 ms for four 640x360 flames, Up alone 20 to 22
 * ms, for files 2 to 6% larger (14 to 56 KB).
 */
public final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Deflate level: 4 is as small as 6 to within a few percent on flames, and faster. */
    private static final int LEVEL = 4;
    /** Filter type 2, "Up", of every row. */
    private static final byte UP = 2;
    /** Uncompressed bytes handed to the deflater at a time, and the largest IDAT chunk. */
    private static final int CHUNK = 1 << 16;

    private Png() {}

    /** 8-bit RGB, composited over the background. */
    public static void write(Image image, Path file) throws IOException {
        write(image, file, 8, false);
    }

    /**
     * Writes 8 or 16 bits per channel, opaque (RGB, composited over the background) or
     * transparent (RGBA, the flame alone with its coverage as alpha).
     */
    public static void write(Image image, Path file, int bits, boolean alpha) throws IOException {
        save(encode(image, bits, alpha), file);
    }

    /** The PNG file's bytes. */
    static byte[] encode(Image image, int bits, boolean alpha) {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("PNG depth must be 8 or 16 bits, got " + bits);
        }
        int w = image.width();
        int h = image.height();
        int channels = alpha ? 4 : 3;
        int stride = w * channels * bits / 8;
        float[] px = alpha ? image.straightAlpha() : image.rgba();
        int max = bits == 16 ? 65535 : 255;

        ByteArrayOutputStream out = new ByteArrayOutputStream(stride * h / 2 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, w);
        putInt(header, 4, h);
        header[8] = (byte) bits;
        header[9] = (byte) (alpha ? 6 : 2); // colour type: truecolour with or without alpha
        // compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none)
        chunk(out, "IHDR", header, header.length);

        Deflater deflater = new Deflater(LEVEL);
        byte[] compressed = new byte[CHUNK];
        byte[] pending = new byte[CHUNK + stride + 1];
        int pendingLength = 0;
        byte[] prior = new byte[stride], row = new byte[stride];
        try {
            for (int y = 0; y < h; y++) {
                samples(px, y * w, w, channels, bits, max, row);
                pending[pendingLength++] = UP;
                for (int i = 0; i < stride; i++) {
                    pending[pendingLength + i] = (byte) (row[i] - prior[i]);
                }
                pendingLength += stride;
                if (pendingLength >= CHUNK || y == h - 1) {
                    deflater.setInput(pending, 0, pendingLength);
                    if (y == h - 1) {
                        deflater.finish();
                    }
                    while (!deflater.needsInput() || (y == h - 1 && !deflater.finished())) {
                        int n = deflater.deflate(compressed);
                        if (n > 0) {
                            chunk(out, "IDAT", compressed, n);
                        }
                    }
                    // needsInput(): the deflater has taken all of pending (it keeps its own window)
                    pendingLength = 0;
                }
                byte[] t = prior;
                prior = row;
                row = t;
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** Row {@code y}'s samples (pixels from {@code first}), big-endian, clamped and rounded. */
    private static void samples(float[] px, int first, int w, int channels, int bits, int max, byte[] row) {
        int k = 0;
        for (int x = 0; x < w; x++) {
            int o = (first + x) * 4;
            for (int c = 0; c < channels; c++) {
                float v = px[o + c];
                int s = v <= 0 ? 0 : v >= 1 ? max : (int) (v * max + 0.5f);
                if (bits == 16) {
                    row[k++] = (byte) (s >>> 8);
                }
                row[k++] = (byte) s;
            }
        }
    }

    /** Appends a chunk: length, type, data, and the CRC of type and data. */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head, 0, 8);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /**
     * A drawn image (contact sheets, palette strips: AWT draws their text), encoded with ImageIO
     * and written with {@link Files#write}: ImageIO's own file output swallows errors on close, so
     * a full disk would lose the image silently.
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("No PNG writer available");
        }
        save(bytes.toByteArray(), file);
    }

    /** Writes the bytes, creating the folder; an error names the file. */
    private static void save(byte[] png, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.write(file, png);
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

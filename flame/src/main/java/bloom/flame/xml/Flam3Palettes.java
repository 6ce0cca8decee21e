package bloom.flame.xml;

import bloom.flame.genome.Palette;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flam3's built-in palettes, which old genomes name by number ({@code <flame palette="15">}):
 * read from the palette file of an installed flam3, as flam3 finds it (the {@code flam3_palettes}
 * environment variable, else Debian's {@code /usr/share/flam3/flam3-palettes.xml} from the
 * {@code flam3-palette} package). Bloom ships no copy.
 */
final class Flam3Palettes {

    static final String ENV = "flam3_palettes";
    static final Path DEBIAN = Path.of("/usr/share/flam3/flam3-palettes.xml");

    private static final Pattern ENTRY = Pattern.compile("<palette\\s[^>]*?number=\"(\\d+)\"[^>]*?data=\"([0-9a-fA-F\\s]+)\"");
    private static final Map<Path, Map<Integer, Palette>> CACHE = new HashMap<>();

    private Flam3Palettes() {}

    /** The palette file flam3 would read. */
    static Path file() {
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? Path.of(env) : DEBIAN;
    }

    /** Palette {@code number} (the attribute's text) of the installed file; the error names the genome's line. */
    static Palette palette(String number, String source, int line) {
        int n;
        try {
            n = Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            throw new FlameFormatException(source, line, "palette=\"" + number + "\": expected the number of one of flam3's built-in palettes");
        }
        Path file = file();
        Map<Integer, Palette> all;
        try {
            all = load(file);
        } catch (IOException e) {
            throw new FlameFormatException(source, line, "palette=\"" + number + "\" names one of flam3's built-in palettes, and "
                    + file + " cannot be read (" + e.getMessage() + "); install flam3's palette file (Debian: apt-get install "
                    + "flam3-palette) or set " + ENV + " to it");
        }
        Palette p = all.get(n);
        if (p == null) {
            throw new FlameFormatException(source, line, "palette=\"" + number + "\": " + file + " holds palettes 0 to "
                    + (all.size() - 1) + ", not " + n);
        }
        return p;
    }

    static synchronized Map<Integer, Palette> load(Path file) throws IOException {
        Map<Integer, Palette> cached = CACHE.get(file);
        if (cached != null) {
            return cached;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Map<Integer, Palette> out = new HashMap<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            String hex = m.group(2).replaceAll("\\s+", "");
            if (hex.length() != Palette.SIZE * 8) {
                throw new IOException("palette " + m.group(1) + " has " + hex.length() + " hex digits, expected " + Palette.SIZE * 8);
            }
            float[] rgb = new float[Palette.SIZE * 3];
            for (int i = 0; i < Palette.SIZE; i++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = Integer.parseInt(hex, 8 * i + 2 + 2 * c, 8 * i + 4 + 2 * c, 16) / 255f;
                }
            }
            out.put(Integer.parseInt(m.group(1)), Palette.of(rgb));
        }
        if (out.isEmpty()) {
            throw new IOException("no <palette number=... data=...> entries");
        }
        CACHE.put(file, Map.copyOf(out));
        return CACHE.get(file);
    }
}

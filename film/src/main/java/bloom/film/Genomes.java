package bloom.film;

import bloom.flame.genome.Genome;
import bloom.flame.xml.FlameFormatException;
import bloom.flame.xml.FlameXml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Base genomes: the ones embedded from {@code examples/genomes/} by name, or any flame file by path. */
public final class Genomes {

    /** The genomes shipped in the jar, the first being the default. */
    public static final List<String> EMBEDDED = List.of("star", "lattice", "tangle");
    public static final String DEFAULT = EMBEDDED.get(0);

    private Genomes() {}

    /** Genome {@code index} of {@code spec}: an embedded name or a path to a .flame/.flam3 file. */
    public static Genome load(String spec, int index) {
        return load(spec, index, w -> { });
    }

    /**
     * Genome {@code index} of {@code spec}, handing each line of what was read but not applied
     * to {@code warnings}. Only that genome must be readable: a bad neighbour in the same file
     * is not its problem.
     */
    public static Genome load(String spec, int index, java.util.function.Consumer<String> warnings) {
        List<FlameXml.Entry> all = entries(spec);
        if (index < 0 || index >= all.size()) {
            throw FilmException.usage("--index " + index + ": " + spec + " holds " + all.size() + " genome"
                    + (all.size() == 1 ? "" : "s") + " (indices 0 to " + (all.size() - 1) + ")");
        }
        FlameXml.Entry e = all.get(index);
        if (!e.ok()) {
            long good = all.stream().filter(FlameXml.Entry::ok).count();
            String others = all.size() == 1 || good == 0 ? "" : " (" + good + " of its " + all.size()
                    + " genomes can be read; --index picks one)";
            throw FilmException.badInput(e.error().getMessage() + others);
        }
        String where = name(spec, index, all.size());
        e.warnings().forEach(w -> warnings.accept(where + ": " + w));
        return e.genome();
    }

    /** How messages name genome {@code index} of {@code spec}, a file of {@code count}: the file alone if it holds one. */
    public static String name(String spec, int index, int count) {
        return spec + (count > 1 ? " genome " + index : "");
    }

    /**
     * Where genome {@code index} of a file of {@code count} goes when each is rendered to a file of
     * its own: {@code out} with the index, as wide as the largest, before the extension
     * ({@code still.png}, genome 7 of 12: {@code still-07.png}).
     */
    public static Path numbered(Path out, int index, int count) {
        String name = out.getFileName().toString();
        String stem = stem(name);
        String digits = "%0" + Integer.toString(Math.max(0, count - 1)).length() + "d";
        return out.resolveSibling(stem + "-" + String.format(Locale.ROOT, digits, index) + name.substring(stem.length()));
    }

    /** A file name without its extension, the part from its last dot ({@code .hidden} has none). */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Every genome of {@code spec}, in file order; the first that cannot be read fails them all. */
    public static List<Genome> loadAll(String spec) {
        return loadAll(spec, w -> { }, "");
    }

    /**
     * Every genome of {@code spec}, in file order, handing each line of what was read but not
     * applied to {@code warnings} (named as {@link #name} names the genome). The first that cannot
     * be read fails them all: its error, followed by {@code whenBad}.
     */
    public static List<Genome> loadAll(String spec, java.util.function.Consumer<String> warnings, String whenBad) {
        List<FlameXml.Entry> all = entries(spec);
        List<Genome> out = new java.util.ArrayList<>();
        for (FlameXml.Entry e : all) {
            if (!e.ok()) {
                throw FilmException.badInput(e.error().getMessage() + whenBad);
            }
            String where = name(spec, e.index(), all.size());
            e.warnings().forEach(w -> warnings.accept(where + ": " + w));
            out.add(e.genome());
        }
        return out;
    }

    /** Each genome of {@code spec} on its own, readable or with its error. */
    public static List<FlameXml.Entry> entries(String spec) {
        if (EMBEDDED.contains(spec)) {
            String resource = "/bloom/examples/genomes/" + spec + ".flame";
            try (InputStream in = Genomes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("embedded genome " + resource + " is missing from the build");
                }
                return FlameXml.parseEntries(in, spec + ".flame (embedded)");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read embedded genome " + spec + ": " + e.getMessage(), e);
            }
        }
        Path file = Path.of(spec);
        if (!Files.exists(file)) {
            throw FilmException.badInput(spec + ": genome file not found (embedded genomes: " + String.join(", ", EMBEDDED) + ")");
        }
        try {
            return FlameXml.readEntries(file);
        } catch (FlameFormatException e) {
            throw FilmException.badInput(e.getMessage());
        }
    }
}

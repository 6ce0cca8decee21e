package bloom.film;

import bloom.flame.genome.Genome;
import bloom.flame.xml.FlameFormatException;
import bloom.flame.xml.FlameXml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Base genomes: the ones embedded from {@code examples/genomes/} by name, or any flame file by path. */
public final class Genomes {

    /** The genomes shipped in the jar, the first being the default. */
    public static final List<String> EMBEDDED = List.of("star", "lattice", "tangle");
    public static final String DEFAULT = EMBEDDED.get(0);

    private Genomes() {}

    /** Genome {@code index} of {@code spec}: an embedded name or a path to a .flame/.flam3 file. */
    public static Genome load(String spec, int index) {
        List<Genome> all = loadAll(spec);
        if (index < 0 || index >= all.size()) {
            throw FilmException.usage("--index " + index + ": " + spec + " holds " + all.size() + " genome"
                    + (all.size() == 1 ? "" : "s") + " (indices 0 to " + (all.size() - 1) + ")");
        }
        return all.get(index);
    }

    /** Every genome of {@code spec}, in file order. */
    public static List<Genome> loadAll(String spec) {
        List<Genome> all;
        if (EMBEDDED.contains(spec)) {
            String resource = "/bloom/examples/genomes/" + spec + ".flame";
            try (InputStream in = Genomes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("embedded genome " + resource + " is missing from the build");
                }
                all = FlameXml.parse(in, spec + ".flame (embedded)");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read embedded genome " + spec + ": " + e.getMessage(), e);
            }
        } else {
            Path file = Path.of(spec);
            if (!Files.exists(file)) {
                throw FilmException.badInput(spec + ": genome file not found (embedded genomes: " + String.join(", ", EMBEDDED) + ")");
            }
            try {
                all = FlameXml.read(file);
            } catch (FlameFormatException e) {
                throw FilmException.badInput(e.getMessage());
            }
        }
        return all;
    }
}

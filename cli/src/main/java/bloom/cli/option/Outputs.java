package bloom.cli.option;

import bloom.cli.BloomException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of a command's output file, before any work. */
public final class Outputs {

    private Outputs() {}

    /** {@code --output FILE.mp4} for a film written once: an .mp4 name that does not exist yet; its folder is made. */
    public static Path newFilm(Path output) throws IOException {
        if (!output.getFileName().toString().endsWith(".mp4")) {
            throw BloomException.usage("--output " + output + ": expected a file name ending in .mp4");
        }
        if (Files.exists(output)) {
            throw BloomException.usage("--output " + output + ": exists; choose another name (nothing is overwritten)");
        }
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        return output;
    }
}

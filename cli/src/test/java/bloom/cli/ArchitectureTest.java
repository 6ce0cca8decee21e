package bloom.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of the command line's layout that the compiler cannot see (module dependencies are
 * enforced by the build itself): a command never uses another command, and a command holds no
 * loop over frames or pixels, because the film pipeline and images belong to the libraries.
 */
class ArchitectureTest {

    private static final Path COMMANDS = Path.of("src/main/java/bloom/cli/command");
    /** What only a loop over frames or pixels needs. */
    private static final Pattern PIPELINE = Pattern.compile(
            "\\b(Mp4Encoder|FramePlanner|FFmpegFrameGrabber|BufferedImage|setRGB|getRGB|toRgb8|rgba\\(\\))\\b");
    private static final Pattern COMMAND = Pattern.compile("\\b(\\w+Command)\\b");
    private static final Pattern SUBCOMMANDS = Pattern.compile("subcommands\\s*=\\s*\\{[^}]*\\}");

    @Test
    void noCommandUsesAnother() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : commands()) {
            String self = f.getFileName().toString().replace(".java", "");
            String code = SUBCOMMANDS.matcher(code(f)).replaceAll(""); // a group lists its subcommands: that is all
            Matcher m = COMMAND.matcher(code);
            while (m.find()) {
                String other = m.group(1);
                if (!other.equals(self) && Files.exists(COMMANDS.resolve(other + ".java"))) {
                    found.add(self + " uses " + other);
                }
            }
        }
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    @Test
    void noCommandHoldsTheFilmPipelineOrPixels() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : commands()) {
            Matcher m = PIPELINE.matcher(code(f));
            while (m.find()) {
                found.add(f.getFileName() + " uses " + m.group(1));
            }
        }
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    private static List<Path> commands() throws IOException {
        assertTrue(Files.isDirectory(COMMANDS), COMMANDS.toAbsolutePath() + " is missing (run from the cli module)");
        try (Stream<Path> s = Files.list(COMMANDS)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertFalse(files.isEmpty());
            return files;
        }
    }

    /** The source without comments, so a comment naming a class is not a use. */
    private static String code(Path f) throws IOException {
        return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}

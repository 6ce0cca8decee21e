package bloom.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every configuration in examples/configs is valid for the command it names. */
class ExampleConfigsTest {

    @TestFactory
    Stream<DynamicTest> everyExampleConfigParses() throws IOException {
        Path dir = Path.of("../examples/configs");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".properties")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                        String first = Files.readAllLines(p).get(0);
                        assertTrue(first.startsWith("# command: "), p + " must start with '# command: <name>'");
                        String command = first.substring("# command: ".length()).trim();
                        PrintWriter sink = new PrintWriter(new StringWriter());
                        String[] args = Main.withConfiguration(Main.commandLine(sink, sink),
                                new String[] {command, "--config", p.toString()});
                        var parsed = Main.commandLine(sink, sink).parseArgs(args);
                        assertEquals(command, parsed.subcommand().commandSpec().name());
                    }));
        }
    }
}

package bloom.cli;

import bloom.film.Mp4Encoder;
import example.FilmYourOwnTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/your-own-model end to end, as the README has a user run it: its main trains an
 * ordinary MLP with the hook attached, and {@code bloom render} films the run directory it wrote.
 */
class YourOwnModelExampleTest {

    @TempDir
    Path tmp;

    @Test
    void theExampleTrainsWithTheHookAndItsRunRendersToAFilm() throws Exception {
        Path run = tmp.resolve("your-own-model");
        FilmYourOwnTraining.main(new String[] {run.toString(), "2"});
        assertTrue(Files.size(run.resolve("trace.bin")) > 0);
        String training = Files.readString(run.resolve("training.json"));
        assertTrue(training.contains("\"steps\" : 100") || training.contains("\"steps\": 100"), training);
        assertTrue(training.contains("\"epochs\" : 2") || training.contains("\"epochs\": 2"), training);

        Cli c = Cli.run("render", run.toString(), "--size", "96x54", "--quality", "4");
        assertEquals(0, c.exitCode(), c.toString());
        Mp4Encoder.Probe p = Mp4Encoder.probe(run.resolve("run.mp4"));
        assertEquals("h264", p.codec());
        assertEquals(96, p.width());
        assertEquals(100, p.frames(), "one frame per minibatch: 2 epochs of 50");
    }
}

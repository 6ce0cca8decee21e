package bloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run of RunEndToEndTest (which flags nothing) with a fault injected at batch 45: anomaly
 * detection flags that batch, within one, and `bloom inspect` prints it.
 */
class InjectedFaultTest {

    static final int AT = 45;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lr-spike", "corrupt-batch"})
    void theInjectedBatchIsFlagged(String kind) throws IOException {
        Path run = tmp.resolve(kind);
        Cli c = Cli.run("run", "--out", run.toString(), "--batches", "60", "--train-pairs", "3000",
                "--test-pairs", "40", "--size", "64x36", "--quality", "2", "--snapshot-every", "5",
                "--threads", "2", "--inject", kind + "@" + AT);
        assertEquals(0, c.exitCode(), c.toString());
        JsonNode a = Json.read(run.resolve(InspectCommand.ANOMALIES));
        assertTrue(a.size() >= 1, kind + ": nothing flagged");
        long first = a.get(0).get("batch").asLong();
        assertTrue(Math.abs(first - AT) <= 1, kind + ": first flag at batch " + first + ": " + a);
        assertEquals(first - 1, a.get(0).get("frame").asLong());
        assertTrue(c.err().contains("first at batch " + first), c.err());

        Cli inspect = Cli.run("inspect", run.toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith(first + " ")), inspect.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lr-spike", "lr-spike@x", "melt@3", "corrupt-batch@0"})
    void badInjectionsAreUsageErrors(String spec) {
        Cli c = Cli.run("run", "--out", tmp.resolve("bad").toString(), "--inject", spec);
        assertEquals(ExitCodes.USAGE, c.exitCode(), c.toString());
        assertTrue(c.error().startsWith("bloom: --inject "), c.err());
    }
}

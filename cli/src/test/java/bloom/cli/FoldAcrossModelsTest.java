package bloom.cli;

import bloom.film.Json;
import bloom.film.Stats;
import bloom.nmt.bench.GeneratedModel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fold adapts to the run: an MLP, a CNN and the translator, each of about 100,000 parameters,
 * train 400 minibatches on generated data with the hook attached, and the film 'bloom render'
 * makes of each changes from frame to frame as much as the optimizer steps: Spearman at least
 * 0.5 between update norm and mean pixel change. The three runs differ where it matters: the
 * MLP's steps fall fivefold in 50 minibatches and then hold within 3%, the CNN's fall thirtyfold
 * over the run, the translator's swing by 20% over tens of minibatches.
 */
class FoldAcrossModelsTest {

    @ParameterizedTest
    @EnumSource(GeneratedModel.Kind.class)
    void frameChangeFollowsTheUpdateNorm(GeneratedModel.Kind kind, @TempDir Path run) throws IOException {
        GeneratedModel model = GeneratedModel.create(kind, 100_000, 7);
        model.record(run, 400, 10);
        Cli r = Cli.run("render", run.toString(), "--size", "160x90", "--threads", "2");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode index = Json.read(run.resolve("frames.json"));
        JsonNode frames = index.has("frames") ? index.get("frames") : index;
        assertEquals(400, frames.size());
        double[] update = new double[frames.size()];
        double[] change = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            update[i] = f.path("updateNorm").asDouble(Double.NaN);
            change[i] = f.hasNonNull("change") ? f.get("change").asDouble() : Double.NaN;
        }
        double s = Stats.spearman(update, change);
        assertTrue(s >= 0.5, model.description() + ": Spearman " + s + " between update norm and frame change");
    }
}

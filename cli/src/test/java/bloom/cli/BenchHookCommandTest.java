package bloom.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bloom bench hook}: a small real race per model kind, and one clear line for each wrong option. */
class BenchHookCommandTest {

    /** A table row: model, parameters, step without, step with, hook's own, ..., verdict. */
    private static final Pattern ROW = Pattern.compile(
            "^(mlp|cnn|translator)\\s+([0-9,]+)\\s+([0-9.]+) ms\\s+([0-9.]+) ms\\s+([0-9.]+) ms.*");

    @Test
    void racesEachModelKindAndPrintsOneRowPerModelAndSize() {
        Cli r = Cli.run("bench", "hook", "--model", "mlp,cnn", "--params", "5k,20k", "--batches", "10", "--block", "5");
        // Whether the hook stays within budget is a timing on a shared machine (exit 0 or 1); what the
        // table holds is not.
        assertTrue(r.exitCode() == ExitCodes.OK || r.exitCode() == ExitCodes.SOFTWARE, r.toString());
        List<Matcher> rows = r.out().lines().map(ROW::matcher).filter(Matcher::matches).toList();
        assertEquals(4, rows.size(), r.toString());
        long[] wanted = {5_000, 20_000, 5_000, 20_000};
        for (int i = 0; i < rows.size(); i++) {
            Matcher m = rows.get(i);
            assertEquals(i < 2 ? "mlp" : "cnn", m.group(1));
            long params = Long.parseLong(m.group(2).replace(",", ""));
            // The generated model is sized to the requested count within a quarter (whole layers).
            assertTrue(Math.abs(params - wanted[i]) <= wanted[i] / 4, "row " + i + " has " + params + " parameters: " + r);
            double without = Double.parseDouble(m.group(3));
            double with = Double.parseDouble(m.group(4));
            double own = Double.parseDouble(m.group(5));
            assertTrue(without > 0 && with > 0 && own > 0, "row " + i + " times: " + m.group());
        }
        assertTrue(r.out().contains("budget = max(5% of the step, 1 ms + 1 ns per parameter)"), r.out());
    }

    @Test
    void wrongOptionsGetOneLineNamingTheOption() {
        String[][] cases = {
                {"--model", "rnn", "--model rnn: expected mlp, cnn or translator"},
                {"--params", "12", "--params 12: expected 1k to 500M parameters"},
                {"--params", "lots", "--params lots: expected a count such as 5000, 250k or 50M"},
                {"--sketch-dims", "0", "--sketch-dims 0: expected 1 to 4096"},
                {"--snapshot-every", "0", "--snapshot-every 0: expected 1 or more"},
                {"--block", "0", "--block at least 1"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("bench", "hook", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", c[0], c[1]) + "\n" + r);
            assertTrue(r.error().contains(c[2]), "expected '" + c[2] + "' in: " + r.error());
        }
    }
}

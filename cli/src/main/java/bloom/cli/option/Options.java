package bloom.cli.option;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The effective option values of a parsed command, as config-file entries. */
public final class Options {

    /** Options that say where things go or how to read options, not what the run is. */
    public static final Set<String> NOT_RECORDED = Set.of("help", "version", "config", "out", "output",
            "live", "port", "host", "public-view", "exit-when-done"); // how a run is watched is not part of it

    private Options() {}

    public static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /** Every option's value, keyed by long name without dashes; unset optional values are left out. */
    public static Map<String, String> values(CommandSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String key = key(o);
            if (NOT_RECORDED.contains(key) || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v != null) {
                m.put(key, String.valueOf(v));
            }
        }
        return m;
    }
}

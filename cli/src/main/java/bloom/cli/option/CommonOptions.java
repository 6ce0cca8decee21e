package bloom.cli.option;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that makes or reads a run has. */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", order = 1,
            description = "Read options from FILE: one 'option = value' per line, the option's long name "
                    + "without dashes ('batches = 400'), lines starting with '#' are comments. Options on the command line win. "
                    + "examples/configs/ has commented examples; a run's config.properties is such a file.")
    public Path config;

    @Option(names = "--seed", paramLabel = "N", order = 2, defaultValue = "7",
            description = "Seeds everything: corpus, model, batches, sketches, palettes, renderer (default: ${DEFAULT-VALUE}).")
    public long seed;
}

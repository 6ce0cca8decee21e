package bloom.cli.command;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print ratios against a reference measured in the same run.",
        subcommands = {BenchHookCommand.class, BenchRenderCommand.class, BenchTrainCommand.class})
public final class BenchCommand {
}

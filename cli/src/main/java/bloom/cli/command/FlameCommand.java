package bloom.cli.command;

import picocli.CommandLine.Command;

@Command(name = "flame", mixinStandardHelpOptions = true,
        description = "Work with fractal-flame genomes (flam3 and Ember .flame files).",
        subcommands = {FlameRenderCommand.class, FlameAnimateCommand.class})
public final class FlameCommand {
}

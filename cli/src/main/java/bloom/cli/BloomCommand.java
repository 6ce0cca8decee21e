package bloom.cli;

import bloom.cli.command.BenchCommand;
import bloom.cli.command.CompareCommand;
import bloom.cli.command.ContactSheetCommand;
import bloom.cli.command.GalleryCommand;
import bloom.cli.command.GridCommand;
import bloom.cli.command.StillCommand;
import bloom.cli.command.ControlCommand;
import bloom.cli.command.LiveCommand;
import bloom.cli.command.FlameCommand;
import bloom.cli.command.InspectCommand;
import bloom.cli.command.PalettesCommand;
import bloom.cli.command.RenderCommand;
import bloom.cli.command.ReportCommand;
import bloom.cli.command.RunCommand;
import bloom.cli.command.TrainCommand;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "bloom", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
                "See a neural network train: a sequence-to-sequence translator learns, and every minibatch becomes "
                        + "a frame of a fractal-flame film. The optimizer's step moves the flame's shape; the drift of "
                        + "the target-language embeddings colours it.",
                ""},
        footer = {"", "Start with 'bloom run' (about 5 minutes on 2 cores), then open the video it prints.",
                "Each command has --help."})
public final class BloomCommand {

    /**
     * The commands, in the order {@code --help} lists them. {@link Main} adds them to the command
     * line itself: picocli builds a command's model by reflection, and building all of them took
     * about a quarter of a second of every run, so a command line that names one builds only that.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, TrainCommand.class, RenderCommand.class,
            LiveCommand.class, ControlCommand.class, StillCommand.class, CompareCommand.class, GridCommand.class,
            GalleryCommand.class, InspectCommand.class, ReportCommand.class, ContactSheetCommand.class,
            PalettesCommand.class, FlameCommand.class, BenchCommand.class);

    /**
     * The commands to build for these arguments: the one the first argument names, none for the
     * version alone (which every command would otherwise be built for: 0.7 s), or all of them.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(c);
                }
            }
        }
        return SUBCOMMANDS;
    }
}

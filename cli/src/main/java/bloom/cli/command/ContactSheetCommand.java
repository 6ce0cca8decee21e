package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.console.ConsoleProgress;
import bloom.cli.option.CommonOptions;
import bloom.cli.option.DeviceOption;
import bloom.cli.option.RenderOptions;
import bloom.cli.option.SizeConverter;
import bloom.film.ContactSheet;
import bloom.film.RenderSettings;
import bloom.film.RunDirectory;
import bloom.film.Size;
import bloom.flame.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "contact-sheet", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "One PNG of a run's frames for people who would rather look than read: N evenly spaced frames plus "
                        + "every flagged one, each labelled with its batch.",
                "",
                "Frames are rendered from the trace at thumbnail size with the run's own genome and palette. Flagged "
                        + "frames (see 'bloom inspect') have a red label naming the rule; frames of NaN or infinite "
                        + "batches are red.",
                ""},
        footer = {"", "Examples:",
                "  bloom contact-sheet runs/run-20261123-101500",
                "  bloom contact-sheet runs/long --count 48 --columns 8 --tile 240x136"})
public final class ContactSheetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
    Path run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", description = "Where to write it (default: RUN/contact-sheet.png).")
    Path output;

    @Option(names = "--count", paramLabel = "N", defaultValue = "24",
            description = "Evenly spaced frames, first and last included (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--columns", paramLabel = "C", defaultValue = "6", description = "Tiles per row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--tile", paramLabel = "WxH", defaultValue = "192x108", converter = SizeConverter.class,
            description = "Size of each frame (default: ${DEFAULT-VALUE}).")
    Size tile;

    @Option(names = "--tile-quality", paramLabel = "Q", defaultValue = "40",
            description = "Samples per pixel of each frame (default: ${DEFAULT-VALUE}).")
    double tileQuality;

    @Mixin
    CommonOptions common;

    @Mixin
    RenderOptions render;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.requireRun(run);
        ContactSheet.Settings cs = new ContactSheet.Settings(count, columns, tile, tileQuality);
        Path out = output != null ? output : run.resolve("contact-sheet.png");
        RenderSettings rs = render.settings(common.seed);
        Renderer renderer = device.open(err);
        ContactSheet.Result r;
        try {
            r = ContactSheet.write(run, rs, cs, renderer, out, new ConsoleProgress(err));
        } finally {
            DeviceOption.close(renderer);
        }
        Console.log(err, String.format(Locale.ROOT, "%d frames (%d evenly spaced, %d flagged) -> %s", r.frames(),
                r.evenlySpaced(), r.flagged(), r.file()));
        spec.commandLine().getOut().println(r.file());
        return ExitCodes.OK;
    }
}

package bloom.cli.command;

import bloom.cli.ExitCodes;
import bloom.cli.console.Console;
import bloom.cli.option.LiveOptions;
import bloom.live.GalleryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "gallery", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Serve the gallery's screen: a fullscreen page with no controls and no cursor, for a browser in kiosk "
                        + "mode, unattended for days.",
                "",
                "It loops the films (MP4 files, or run directories for their run.mp4), cross-fading at each loop "
                        + "point; with --live RUN it shows that run's newest frame while it trains and falls back to "
                        + "the loop (with the run's own film added) when it ends. Where the loop stands is saved in "
                        + "--state, so after a power cut it starts again there. The page reconnects by itself when "
                        + "this server restarts. Start at power-on: examples/gallery/.",
                ""},
        footer = {"", "Examples:",
                "  bloom gallery runs/sgd runs/adam",
                "  bloom gallery films/side.mp4 --live runs/tonight --host 0.0.0.0 --port 8080",
                "  chromium --kiosk --autoplay-policy=no-user-gesture-required http://127.0.0.1:8721/"})
public final class GalleryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "0..*", paramLabel = "RUN|FILM.mp4", description = "What to loop, in order.")
    List<Path> films = List.of();

    @Option(names = "--live", paramLabel = "RUN", description = "A run to show while it trains (bloom run --out RUN).")
    Path live;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8721",
            description = "Port; 0 takes any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for screens on other machines).")
    String host;

    @Option(names = "--crossfade", paramLabel = "SECONDS", defaultValue = "2",
            description = "Cross-fade at each loop point (default: ${DEFAULT-VALUE}; at most a quarter of a film).")
    double crossfade;

    @Option(names = "--state", paramLabel = "FILE", defaultValue = "bloom-gallery.json",
            description = "Where the loop's position is kept across restarts (default: ${DEFAULT-VALUE} in the working directory).")
    Path state;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw bloom.cli.BloomException.usage("--port " + port + ": expected 0 to 65535");
        }
        try (GalleryServer g = GalleryServer.start(films, live, new GalleryServer.Settings(host, port, crossfade, state),
                line -> Console.log(err, line))) {
            Console.log(err, "gallery: " + g.url() + " (" + films.size() + " film" + (films.size() == 1 ? "" : "s")
                    + (live == null ? "" : ", following " + live) + ")");
            LiveOptions.serveUntilInterrupted(g.url().toString(), err, "serving the gallery");
        }
        return ExitCodes.OK;
    }
}

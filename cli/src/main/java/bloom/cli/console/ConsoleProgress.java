package bloom.cli.console;

import bloom.film.Progress;

import java.io.PrintWriter;

/** The library's progress on the terminal: "bloom: " lines on stderr and {@link ProgressBar}s. */
public final class ConsoleProgress implements Progress {

    private final PrintWriter err;

    public ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void log(String line) {
        Console.log(err, line);
    }

    @Override
    public Bar bar(String label, long total, String unit) {
        ProgressBar bar = ProgressBar.stderr(label, total, unit);
        return new Bar() {
            @Override
            public void update(long done, String detail) {
                bar.update(done, detail);
            }

            @Override
            public void finish(String detail) {
                bar.finish(detail);
            }
        };
    }
}

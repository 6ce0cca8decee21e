package bloom.cli;

import bloom.cli.console.QuietStdout;
import bloom.cli.console.ResumeHint;
import bloom.cli.console.Text;
import bloom.cli.option.ConfigFile;
import bloom.cli.option.Options;
import bloom.film.FilmException;
import bloom.film.RunDirectory;
import bloom.flame.xml.FlameFormatException;
import bloom.nmt.corpus.CorpusException;
import bloom.trace.TraceException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point. {@link #run} parses, applies configuration files, executes and maps every failure
 * to one line and an exit code; it is what tests call.
 *
 * <p>Options are taken, lowest precedence first, from: the built-in defaults; the run's own
 * {@code config.properties} when a command continues or re-renders a run; a {@code --config}
 * file; the command line.
 */
public final class Main {

    static {
        // picocli's default factory looks for Groovy's closure class once, which no jar of Bloom's
        // has: a class not found is looked for in every jar of the class path, and opening
        // Bloom's 62 jars took about 50 ms of every command.
        System.setProperty("picocli.disable.closures", "true");
    }

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        System.setOut(QuietStdout.wrap(System.out));
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        ResumeHint.exiting();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = commandLine(out, err, BloomCommand.subcommandsFor(args));
            return cl.execute(withConfiguration(cl, args)); // picocli resets every option before it parses again
        } catch (BloomException | FilmException e) {
            return report(e, err);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return report(e, err); // picocli hands Errors on: they end as one line too
        }
    }

    /** One line for a failure that reached the top, and its exit code. */
    static int report(Throwable e, PrintWriter err) {
        err.println("bloom: " + Text.printable(describe(e)));
        if (Boolean.getBoolean("bloom.debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    /** The whole command line, every command built. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, BloomCommand.SUBCOMMANDS);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new BloomCommand());
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("bloom: " + Text.printable(ex.getMessage()));
            CommandLine c = ex.getCommandLine();
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> report(ex, err));
        return cl;
    }

    /** Prepends the options of a continued run and of a --config file to the user's arguments. */
    static String[] withConfiguration(CommandLine probe, String[] args) {
        ParseResult top;
        try {
            top = probe.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return args; // execute() reports it
        }
        List<String> path = new ArrayList<>();
        ParseResult leaf = top;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            path.add(leaf.commandSpec().name());
        }
        if (path.isEmpty() || leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()
                || !args[0].equals(path.get(0)) || (path.size() > 1 && !args[1].equals(path.get(1)))) {
            return args;
        }
        CommandSpec spec = leaf.commandSpec();
        List<String> prefix = new ArrayList<>();
        ConfigFile stored = storedConfig(leaf);
        if (stored != null) {
            for (ConfigFile.Entry e : stored.entries().values()) {
                if (spec.findOption("--" + e.key()) != null) {
                    prefix.add("--" + e.key() + "=" + e.value());
                }
            }
        }
        boolean resuming = stored != null && (path.get(0).equals("run") || path.get(0).equals("train"));
        if (leaf.hasMatchedOption("--config")) {
            Path file = leaf.matchedOptionValue("--config", (Path) null);
            ConfigFile cf = ConfigFile.read(file);
            for (ConfigFile.Entry e : cf.entries().values()) {
                OptionSpec o = spec.findOption("--" + e.key());
                if (o == null || e.key().equals("config")) {
                    throw BloomException.badInput(file + ":" + e.line() + ": '" + e.key() + "' is not an option of '"
                            + spec.qualifiedName() + "'" + suggestion(spec, e.key()));
                }
                if (resuming) {
                    requireSame(stored, e.key(), e.value(), file + ":" + e.line());
                }
                prefix.add("--" + e.key() + "=" + e.value());
            }
        }
        if (resuming) {
            for (OptionSpec o : leaf.matchedOptions()) {
                String key = Options.key(o);
                if (!Options.NOT_RECORDED.contains(key)) {
                    Object value = o.getValue();
                    requireSame(stored, key, String.valueOf(value), "--" + key);
                }
            }
        }
        List<String> all = new ArrayList<>(path);
        all.addAll(prefix);
        all.addAll(Arrays.asList(args).subList(path.size(), args.length));
        return all.toArray(new String[0]);
    }

    /** The config.properties of the run this command continues (run, train) or reads (render, palettes). */
    private static ConfigFile storedConfig(ParseResult leaf) {
        Path dir = null;
        String name = leaf.commandSpec().qualifiedName();
        if ((name.equals("bloom run") || name.equals("bloom train")) && leaf.hasMatchedOption("--out")) {
            dir = leaf.matchedOptionValue("--out", (Path) null);
        } else if ((name.equals("bloom render") || name.equals("bloom palettes") || name.equals("bloom still")
                || name.equals("bloom grid")) && !leaf.matchedPositionals().isEmpty()) {
            dir = leaf.matchedPositionals().get(0).getValue();
        }
        if (dir == null || !Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
            return null;
        }
        return ConfigFile.read(dir.resolve(RunDirectory.CONFIG));
    }

    private static void requireSame(ConfigFile stored, String key, String value, String where) {
        ConfigFile.Entry e = stored.entries().get(key);
        if (e != null && !sameValue(e.value(), value)) {
            throw BloomException.usage(where + ": '" + key + " = " + value + "' differs from the run being resumed ("
                    + key + " = " + e.value() + " in " + stored.file() + "); resume with the same options or start "
                    + "another run with another --out");
        }
    }

    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String suggestion(CommandSpec spec, String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionSpec o : spec.options()) {
            String k = Options.key(o);
            int d = distance(k, key);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }

    static int exitCode(Throwable ex) {
        Throwable root = unwrap(ex);
        if (root instanceof BloomException b) {
            return b.exitCode();
        }
        if (root instanceof FilmException f) {
            return exitCode(f.kind());
        }
        if (root instanceof FlameFormatException || root instanceof CorpusException || root instanceof TraceException) {
            return ExitCodes.BAD_INPUT;
        }
        if (root instanceof bloom.flame.render.RenderTooLargeException) {
            return ExitCodes.UNAVAILABLE;
        }
        if (root instanceof IOException || root instanceof UncheckedIOException) {
            return ExitCodes.IO;
        }
        if (root instanceof OutOfMemoryError) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.SOFTWARE;
    }

    /** The exit code of a film library failure. */
    static int exitCode(FilmException.Kind kind) {
        return switch (kind) {
            case USAGE -> ExitCodes.USAGE;
            case BAD_INPUT -> ExitCodes.BAD_INPUT;
            case IO -> ExitCodes.IO;
            case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        };
    }

    static String describe(Throwable ex) {
        Throwable root = unwrap(ex);
        if (root instanceof BloomException || root instanceof FilmException || root instanceof FlameFormatException || root instanceof CorpusException
                || root instanceof TraceException) {
            return root.getMessage();
        }
        if (root instanceof bloom.flame.render.RenderTooLargeException) {
            return root.getMessage() + ": lower --size, --oversample or --threads, or give Java more with "
                    + "BLOOM_JAVA_OPTS=-Xmx16g";
        }
        if (root instanceof java.nio.file.NoSuchFileException e) {
            return e.getFile() + ": no such file or directory";
        }
        if (root instanceof java.nio.file.AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (root instanceof java.nio.file.FileSystemException e) {
            return (e.getFile() == null ? "" : e.getFile() + ": ") + (e.getReason() == null ? e.getMessage() : e.getReason());
        }
        if (root instanceof IOException || root instanceof UncheckedIOException) {
            String m = root.getMessage();
            return m != null && m.contains("No space left on device")
                    ? m + " (free some space and try again; a run resumes where it stopped)" : "I/O error: " + m;
        }
        if (root instanceof OutOfMemoryError) {
            return "out of memory (" + root.getMessage() + "); give Java more with BLOOM_JAVA_OPTS=-Xmx8g or lower --size"
                    + " (a run resumes where it stopped)";
        }
        return "internal error: " + root + " (run with -Dbloom.debug=true for the stack trace)";
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CommandLine.ExecutionException || t instanceof java.util.concurrent.ExecutionException
                || (t instanceof RuntimeException && t.getClass() == RuntimeException.class)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Settings of a parsed command for tests. */
    static Map<String, String> values(CommandSpec spec) {
        return Options.values(spec);
    }
}

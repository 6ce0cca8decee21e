package bloom.film;

import bloom.trace.Event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Controls on their way to a running training: the run's {@code control/} directory holds one
 * small file per request, written whole then renamed, so {@code bloom control}, the live page and
 * the trainer can be different processes. The trainer takes them between minibatches, oldest
 * first; what took effect is then in the trace as an {@link Event}.
 */
public final class ControlInbox {

    public static final String DIR = "control";
    /** The faults a control can inject, as the trainer's --inject spells them. */
    public static final List<String> FAULTS = List.of("lr-spike", "corrupt-batch", "nan");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A request: what, and its value (learning rate, mark text, fault). */
    public record Request(Event.Kind kind, String text) {}

    private ControlInbox() {}

    /**
     * Parses a control as a user writes it: {@code pause}, {@code resume}, {@code stop},
     * {@code lr=0.001}, {@code mark=text}, {@code inject=lr-spike}. The exception's message says
     * what was expected.
     */
    public static Request parse(String control) {
        int eq = control.indexOf('=');
        String name = (eq < 0 ? control : control.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : control.substring(eq + 1);
        Event.Kind kind = switch (name) {
            case "lr", "learning-rate" -> Event.Kind.LEARNING_RATE;
            default -> Event.Kind.parse(name);
        };
        if (kind == null) {
            throw new IllegalArgumentException("'" + control + "': expected pause, resume, stop, lr=RATE, mark=TEXT or inject=FAULT");
        }
        return request(kind, value);
    }

    /** A request of {@code kind} with {@code text}, checked as the trainer will take it. */
    public static Request request(Event.Kind kind, String text) {
        String t = text == null ? "" : text;
        switch (kind) {
            case LEARNING_RATE -> {
                double lr;
                try {
                    lr = Double.parseDouble(t.strip());
                } catch (NumberFormatException e) {
                    lr = Double.NaN;
                }
                if (!(lr > 0) || Double.isInfinite(lr)) {
                    throw new IllegalArgumentException("learning rate '" + t + "': expected a finite number above 0, e.g. lr=0.001");
                }
                t = t.strip();
            }
            case MARK -> {
                if (t.isBlank()) {
                    throw new IllegalArgumentException("a mark needs its text: mark=\"what happened\"");
                }
                if (t.length() > Event.MAX_TEXT) {
                    throw new IllegalArgumentException("a mark of " + t.length() + " characters: expected at most " + Event.MAX_TEXT);
                }
            }
            case INJECT -> {
                t = t.strip().toLowerCase(Locale.ROOT);
                if (!FAULTS.contains(t)) {
                    throw new IllegalArgumentException("fault '" + text + "': expected one of " + String.join(", ", FAULTS));
                }
            }
            default -> {
                if (!t.isEmpty()) {
                    throw new IllegalArgumentException(kind.spelling() + " takes no value, got '" + t + "'");
                }
            }
        }
        return new Request(kind, t);
    }

    /** Puts a request in {@code run}'s inbox. */
    public static void submit(Path run, Request r) throws IOException {
        Path dir = run.resolve(DIR);
        Files.createDirectories(dir);
        String name = String.format(Locale.ROOT, "%013d-%09d-%d", System.currentTimeMillis(),
                SEQUENCE.incrementAndGet(), ProcessHandle.current().pid());
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, r.kind().spelling() + "\n" + r.text(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name + ".control"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Takes every request waiting in {@code run}'s inbox, oldest first; unreadable ones are dropped with the reason. */
    public static List<Request> drain(Path run, java.util.function.Consumer<String> log) {
        Path dir = run.resolve(DIR);
        List<Request> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".control")).sorted().toList();
        } catch (IOException e) {
            log.accept(dir + ": cannot list controls (" + e.getMessage() + ")");
            return out;
        }
        for (Path f : files) {
            try {
                String s = Files.readString(f, StandardCharsets.UTF_8);
                Files.delete(f);
                int nl = s.indexOf('\n');
                Event.Kind kind = Event.Kind.parse(nl < 0 ? s : s.substring(0, nl));
                if (kind == null) {
                    log.accept(f + ": not a control: dropped");
                    continue;
                }
                out.add(request(kind, nl < 0 ? "" : s.substring(nl + 1)));
            } catch (NoSuchFileException e) {
                // taken by another reader
            } catch (IOException | IllegalArgumentException e) {
                log.accept(f + ": " + e.getMessage() + ": dropped");
            }
        }
        return out;
    }

    /** Drops whatever waits in the inbox (requests made while nothing ran). */
    public static void clear(Path run) {
        drain(run, line -> { });
    }
}

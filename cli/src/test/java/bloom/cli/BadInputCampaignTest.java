package bloom.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad inputs a user can give, each with the exit code and the words its one line must hold.
 * Every case must end with exactly one "bloom: " line (picocli may add its "Try ... --help"),
 * no stack trace, no raw control character, and the named exit code. The README's "Bad input"
 * section and the closing notes count these cases.
 */
class BadInputCampaignTest {

    @TempDir
    static Path dir;

    private record Case(String name, int exit, String expect, Function<Path, String[]> args) {}

    private static Path file(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path bytes(String name, byte[] b) {
        try {
            return Files.write(dir.resolve(name), b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String star() {
        try {
            return Files.readString(Path.of("../examples/genomes/star.flame"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] train(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--out", d.resolve("run").toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String[] flame(Path d, Path genome) {
        return new String[] {"flame", "render", genome.toString(), "-o", d.resolve("o.png").toString(), "--size", "32x18",
                "--quality", "1"};
    }

    private static List<Case> cases() {
        int usage = ExitCodes.USAGE;
        int bad = ExitCodes.BAD_INPUT;
        List<Case> c = new ArrayList<>();
        // corpora
        c.add(new Case("missing corpus", bad, "file not found", d -> train(d, "--corpus", d.resolve("none.tsv").toString())));
        c.add(new Case("one field", bad, ":2: expected 2 tab-separated fields", d -> train(d, "--corpus",
                file("one.tsv", "a\tb\nsolo\n").toString())));
        c.add(new Case("three fields", bad, ":1: expected 2 tab-separated fields (source, target), found 3", d -> train(d,
                "--corpus", file("three.tsv", "a\tb\tc\n").toString())));
        c.add(new Case("empty source", bad, ":1: empty source", d -> train(d, "--corpus", file("es.tsv", " \tb\n").toString())));
        c.add(new Case("empty target", bad, ":2: empty target", d -> train(d, "--corpus", file("et.tsv", "a\tb\nc\t\n").toString())));
        c.add(new Case("latin-1", bad, ":1: invalid UTF-8", d -> train(d, "--corpus",
                bytes("l1.tsv", "ca\u00f1a\tcane\n".getBytes(StandardCharsets.ISO_8859_1)).toString())));
        c.add(new Case("long sentence", bad, "--max-sentence-words", d -> train(d, "--corpus",
                file("ls.tsv", "a\t" + "w ".repeat(101) + "\n").toString())));
        c.add(new Case("long word", bad, "--max-word-chars", d -> train(d, "--corpus",
                file("lw.tsv", "a\t" + "w".repeat(300) + "\n").toString())));
        c.add(new Case("empty corpus", bad, "no sentence pairs", d -> train(d, "--corpus", file("empty.tsv", "").toString())));
        c.add(new Case("binary corpus", bad, "invalid UTF-8", d -> train(d, "--corpus",
                bytes("bin.tsv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\t', 3, '\n'}).toString())));
        c.add(new Case("corpus is a directory", bad, "Is a directory", d -> train(d, "--corpus", d.toString())));
        c.add(new Case("misaligned files", bad, "line counts differ", d -> train(d, "--source",
                file("m.es", "uno\ndos\n").toString(), "--target", file("m.en", "one\n").toString())));
        c.add(new Case("source without target", usage, "--target", d -> train(d, "--source", file("s.es", "uno\n").toString())));
        c.add(new Case("missing --valid", bad, "file not found", d -> train(d, "--corpus", file("ok.tsv", "a\tb\nc\td\n").toString(),
                "--valid", d.resolve("nov.tsv").toString())));
        c.add(new Case("three --test files", usage, "--test", d -> train(d, "--corpus", file("ok2.tsv", "a\tb\n").toString(),
                "--test", "a,b,c")));
        // flame files
        c.add(new Case("malformed XML", bad, ":2: malformed XML", d -> flame(d, file("m.flame", "<flames>\n<flame <\n"))));
        c.add(new Case("duplicate attribute", bad, "attribute 'size' appears twice", d -> flame(d,
                file("dup.flame", star().replaceFirst("<flame ", "<flame size=\"2 2\" ")))));
        c.add(new Case("unknown variation", bad, "Bloom does not have: frobnicate (xform ", d -> flame(d,
                file("uv.flame", star().replace("swirl=", "frobnicate=")))));
        c.add(new Case("bad coefs", bad, "'coefs'", d -> flame(d, file("co.flame",
                star().replaceFirst("coefs=\"[^\"]*\"", "coefs=\"1 2 3\"")))));
        c.add(new Case("not a number", bad, "'scale'", d -> flame(d, file("nn.flame",
                star().replaceFirst("scale=\"[^\"]*\"", "scale=\"big\"")))));
        c.add(new Case("no flame", bad, "no <flame>", d -> flame(d, file("nf.flame", "<flames></flames>\n"))));
        c.add(new Case("empty flame file", bad, "flame", d -> flame(d, file("ef.flame", ""))));
        c.add(new Case("binary flame file", bad, "malformed XML", d -> flame(d, bytes("bf.flame", new byte[] {0, 1, 2, (byte) 0xff}))));
        c.add(new Case("external entity", bad, "was referenced, but not declared", d -> flame(d, file("xxe.flame",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE f [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<flames>&x;</flames>\n"))));
        c.add(new Case("billion laughs", bad, "was referenced, but not declared", d -> flame(d, file("bl.flame",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                        + "<flames>&b;</flames>\n"))));
        c.add(new Case("estimator radius", bad, "expected radius and minimum 0 to 50", d -> flame(d, file("er.flame",
                star().replace("estimator_radius=\"9\"", "estimator_radius=\"100000\"")))));
        c.add(new Case("filter radius", bad, "expected 0 to 50", d -> flame(d, file("fr.flame",
                star().replace("filter=\"0.5\"", "filter=\"100000\"")))));
        c.add(new Case("missing genome", bad, "genome file not found", d -> flame(d, d.resolve("none.flame"))));
        c.add(new Case("index out of range", usage, "--index 4", d -> new String[] {"flame", "render", "star", "--index", "4",
                "-o", d.resolve("i.png").toString()}));
        // configuration files
        c.add(new Case("missing config", bad, "configuration file not found", d -> new String[] {"run", "--config",
                d.resolve("none.properties").toString()}));
        c.add(new Case("unknown key", bad, ":1: 'batchez' is not an option of 'bloom run' (did you mean 'batches'?)", d -> new String[] {"run", "--config",
                file("k.properties", "batchez = 4\n").toString()}));
        c.add(new Case("no equals sign", bad, ":2: expected 'option = value'", d -> new String[] {"run", "--config",
                file("e.properties", "# c\nbatches 4\n").toString()}));
        c.add(new Case("duplicate key", bad, ":2: 'batches' is already set on line 1", d -> new String[] {"run", "--config",
                file("d.properties", "batches = 4\nbatches = 5\n").toString()}));
        c.add(new Case("bad escape", bad, "unknown escape", d -> new String[] {"run", "--config",
                file("x.properties", "out = a\\qb\n").toString()}));
        c.add(new Case("bad value", usage, "batches", d -> new String[] {"run", "--config",
                file("v.properties", "batches = many\n").toString()}));
        // options
        c.add(new Case("size zero", usage, "--size", d -> new String[] {"run", "--size", "0x0"}));
        c.add(new Case("size word", usage, "--size", d -> new String[] {"run", "--size", "big"}));
        c.add(new Case("odd size", usage, "--size 641x360", d -> new String[] {"run", "--size", "641x360"}));
        c.add(new Case("negative quality", usage, "--quality", d -> new String[] {"run", "--quality", "-1"}));
        c.add(new Case("zero fps", usage, "--fps 0", d -> new String[] {"run", "--fps", "0"}));
        c.add(new Case("zero threads", usage, "--threads 0", d -> new String[] {"run", "--threads", "0"}));
        c.add(new Case("many threads", usage, "--threads 100000", d -> new String[] {"run", "--out", d.resolve("r").toString(), "--threads", "100000"}));
        c.add(new Case("negative batches", usage, "--batches -1", d -> new String[] {"train", "--batches", "-1"}));
        c.add(new Case("unknown optimizer", usage, "--optimizer", d -> new String[] {"train", "--optimizer", "rmsprop"}));
        c.add(new Case("NaN learning rate", usage, "learning rate", d -> new String[] {"train", "--learning-rate", "NaN"}));
        c.add(new Case("zero hidden", usage, "hidden", d -> new String[] {"train", "--hidden", "0"}));
        c.add(new Case("crf", usage, "--crf 99", d -> new String[] {"run", "--crf", "99"}));
        c.add(new Case("unknown device", usage, "--device", d -> new String[] {"flame", "render", "star", "-o",
                d.resolve("u.png").toString(), "--device", "tpu"}));
        c.add(new Case("unknown option", usage, "--frobnicate", d -> new String[] {"run", "--frobnicate"}));
        c.add(new Case("unknown command", usage, "frobnicate", d -> new String[] {"frobnicate"}));
        c.add(new Case("bad inject", usage, "--inject", d -> new String[] {"train", "--inject", "meteor@3"}));
        c.add(new Case("zero word limit", usage, "--max-word-chars 0", d -> new String[] {"train", "--max-word-chars", "0"}));
        c.add(new Case("zero sentence limit", usage, "--max-sentence-words 0", d -> new String[] {"train", "--max-sentence-words", "0"}));
        // paths
        c.add(new Case("--out is a file", usage, "is not a directory", d -> new String[] {"run", "--out", file("f.txt", "x").toString()}));
        c.add(new Case("--out foreign", usage, "holds no Bloom run", d -> {
            try {
                Files.writeString(d.resolve("notes.txt"), "mine");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new String[] {"run", "--out", d.toString()};
        }));
        c.add(new Case("render no run", usage, "not a Bloom run directory", d -> new String[] {"render", d.toString()}));
        c.add(new Case("render missing", usage, "no such run directory", d -> new String[] {"render", d.resolve("gone").toString()}));
        c.add(new Case("inspect no run", usage, "not a Bloom run directory", d -> new String[] {"inspect", d.toString()}));
        c.add(new Case("png under a file", ExitCodes.IO, "plain.txt", d -> new String[] {"flame", "render", "star", "-o",
                file("plain.txt", "x").resolve("x.png").toString(), "--size", "32x18", "--quality", "1"}));
        c.add(new Case("animate not mp4", usage, ".mp4", d -> new String[] {"flame", "animate", "star", "-o",
                d.resolve("x.avi").toString()}));
        // names that would move the cursor or fake a line
        c.add(new Case("escape codes in a name", bad, "\\e[2J", d -> train(d, "--corpus", d.resolve("\u001b[2Jevil.tsv").toString())));
        c.add(new Case("newline in a name", bad, "two\\nlines", d -> flame(d, d.resolve("two\nlines.flame"))));
        // traces
        c.add(new Case("not a trace", bad, "not a Bloom trace", d -> {
            Path run = d.resolve("fake");
            try {
                Files.createDirectories(run);
                Files.writeString(run.resolve("trace.bin"), "hello");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new String[] {"render", run.toString()};
        }));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputEndsWithOneClearLine() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            Path d = Files.createTempDirectory(dir, "case");
            Cli r = Cli.run(k.args().apply(d));
            String err = r.err();
            assertEquals(k.exit(), r.exitCode(), k.name() + ": " + err);
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            long bloomLines = lines.stream().filter(l -> l.startsWith("bloom: ")).count();
            assertEquals(1, bloomLines, k.name() + ": one 'bloom:' line: " + err);
            assertTrue(lines.stream().allMatch(l -> l.startsWith("bloom: ") || l.startsWith("Try '")), k.name() + ": " + err);
            assertTrue(err.contains(k.expect()), k.name() + ": '" + k.expect() + "' in: " + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), k.name() + ": a stack trace: " + err);
            assertTrue(err.chars().noneMatch(ch -> ch < 0x20 && ch != '\n'), k.name() + ": raw control character: " + err);
        }));
    }
}

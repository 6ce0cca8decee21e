package bloom.nmt.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsTsvWithOrWithoutFinalNewlineAndCrLf() throws IOException {
        List<SentencePair> a = CorpusReader.defaults().readTsv(file("a.tsv", "Hola.\tHello.\r\n¿Qué?\tWhat?"));
        assertEquals(List.of(new SentencePair("Hola.", "Hello."), new SentencePair("¿Qué?", "What?")), a);
    }

    @Test
    void readsLineAlignedFiles() throws IOException {
        List<SentencePair> p = CorpusReader.defaults().readParallel(file("x.es", "uno\ndos\n"), file("x.en", "one\ntwo\n"));
        assertEquals(new SentencePair("dos", "two"), p.get(1));
    }

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        Path f = file("bad.tsv", "a\tb\nno tab here\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readTsv(f));
        assertEquals(f + ":2: expected 2 tab-separated fields (source, target), found 1", e.getMessage());
    }

    @Test
    void emptyLinesAreErrors() throws IOException {
        Path f = file("empty.tsv", "a\tb\n\t \n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readTsv(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().endsWith("empty source"), e.getMessage());
        Path es = file("e.es", "uno\n\ntres\n");
        Path en = file("e.en", "one\ntwo\nthree\n");
        e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readParallel(es, en));
        assertEquals(es + ":2: empty sentence", e.getMessage());
    }

    @Test
    void overLongLinesAreErrors() throws IOException {
        Path f = file("long.tsv", "a\tb\n" + "w ".repeat(12) + "\tshort\n");
        CorpusException e = assertThrows(CorpusException.class, () -> new CorpusReader(10).readTsv(f));
        assertEquals(f + ":2: source of 12 words is longer than the limit of 10 (raise it with --max-sentence-words)",
                e.getMessage());
    }

    /** A megabyte-long word (which stalled byte-pair learning for minutes) is refused as it is read. */
    @Test
    void overLongWordsAreErrors() throws IOException {
        Path f = file("word.tsv", "uno\tone\nhola\thello " + "x".repeat(1 << 20) + "\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readTsv(f));
        assertEquals(f + ":2: word 2 of the target is 1048576 characters long, more than the limit of 200 (starts "
                + "'xxxxxxxxxxxxxxxxxxxx'; raise the limit with --max-word-chars)", e.getMessage());
        Path ok = file("ok.tsv", "uno\t" + "\u00e9".repeat(200) + "\n");
        assertEquals(1, CorpusReader.defaults().readTsv(ok).size(), "200 characters, whatever their bytes, pass");
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        byte[] content = "ok\tfine\nbad \u00e9\tx\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = bytes("latin1.tsv", content);
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readTsv(f));
        assertEquals(f + ":2: invalid UTF-8 (the file must be UTF-8 encoded)", e.getMessage());
    }

    @Test
    void mismatchedLineCountsNameBothFiles() throws IOException {
        Path es = file("m.es", "uno\ndos\ntres\n");
        Path en = file("m.en", "one\ntwo\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readParallel(es, en));
        assertTrue(e.getMessage().contains(es + " has 3 lines, " + en + " has 2"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void missingFilesAreNamed() {
        Path f = dir.resolve("nope.tsv");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.defaults().readTsv(f));
        assertEquals(f + ": file not found", e.getMessage());
    }

    @Test
    void splitIsSeededAndDisjoint() {
        List<SentencePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pairs.add(new SentencePair("s" + i, "t" + i));
        }
        Corpus a = Corpus.split("x", pairs, 0.1, 0.1, 3);
        Corpus b = Corpus.split("x", pairs, 0.1, 0.1, 3);
        assertEquals(a, b);
        assertEquals(80, a.train().size());
        assertEquals(10, a.test().size());
        assertTrue(a.test().stream().noneMatch(a.train()::contains));
    }
}

package bloom.nmt.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads parallel corpora in the two layouts they are distributed in: a TSV of
 * {@code source<TAB>target} lines, or two line-aligned text files (one sentence per line, as
 * Fisher-Callhome and most WMT sets come). Every line is checked: strict UTF-8, not empty, at
 * most {@link #maxWords()} words, none longer than {@link #maxWordChars()} characters (a
 * megabyte-long "word", a binary file or a base64 blob read as text, would otherwise stall
 * byte-pair learning, whose merges cost time quadratic in a word's length). The first problem
 * ends the read with a {@link CorpusException} naming the file and line.
 *
 * @param maxWords     the longest sentence accepted, in whitespace-separated words
 * @param maxWordChars the longest word accepted, in characters (code points)
 */
public record CorpusReader(int maxWords, int maxWordChars) {

    public static final int DEFAULT_MAX_WORDS = 100;
    public static final int DEFAULT_MAX_WORD_CHARS = 200;

    public CorpusReader {
        if (maxWords < 1) {
            throw new IllegalArgumentException("Invalid maximum sentence length: " + maxWords + " words");
        }
        if (maxWordChars < 1) {
            throw new IllegalArgumentException("Invalid maximum word length: " + maxWordChars + " characters");
        }
    }

    public CorpusReader(int maxWords) {
        this(maxWords, DEFAULT_MAX_WORD_CHARS);
    }

    public static CorpusReader defaults() {
        return new CorpusReader(DEFAULT_MAX_WORDS, DEFAULT_MAX_WORD_CHARS);
    }

    /** Reads {@code source<TAB>target} lines; a final newline is optional. */
    public List<SentencePair> readTsv(Path file) {
        List<String> lines = readLines(file);
        List<SentencePair> pairs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            String[] fields = line.split("\t", -1);
            if (fields.length != 2) {
                throw new CorpusException(file, lineNo,
                        "expected 2 tab-separated fields (source, target), found " + fields.length);
            }
            pairs.add(new SentencePair(check(file, lineNo, fields[0], "source"), check(file, lineNo, fields[1], "target")));
        }
        if (pairs.isEmpty()) {
            throw new CorpusException(file, 0, "no sentence pairs");
        }
        return pairs;
    }

    /** Reads two line-aligned files: line i of {@code sourceFile} translates to line i of {@code targetFile}. */
    public List<SentencePair> readParallel(Path sourceFile, Path targetFile) {
        List<String> sources = readLines(sourceFile);
        List<String> targets = readLines(targetFile);
        if (sources.size() != targets.size()) {
            Path shorter = sources.size() < targets.size() ? sourceFile : targetFile;
            throw new CorpusException(shorter, Math.min(sources.size(), targets.size()) + 1,
                    "line counts differ: " + sourceFile + " has " + sources.size() + " lines, "
                            + targetFile + " has " + targets.size() + "; the files must be line-aligned");
        }
        List<SentencePair> pairs = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            pairs.add(new SentencePair(check(sourceFile, i + 1, sources.get(i), "sentence"),
                    check(targetFile, i + 1, targets.get(i), "sentence")));
        }
        if (pairs.isEmpty()) {
            throw new CorpusException(sourceFile, 0, "no sentences");
        }
        return pairs;
    }

    private String check(Path file, int lineNo, String text, String what) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new CorpusException(file, lineNo, "empty " + what);
        }
        String[] split = trimmed.split("\\s+");
        int words = split.length;
        if (words > maxWords) {
            throw new CorpusException(file, lineNo, what + " of " + words + " words is longer than the limit of "
                    + maxWords + " (raise it with --max-sentence-words)");
        }
        for (int w = 0; w < split.length; w++) {
            String word = split[w];
            if (word.length() > maxWordChars && word.codePointCount(0, word.length()) > maxWordChars) {
                throw new CorpusException(file, lineNo, "word " + (w + 1) + " of the " + what + " is "
                        + word.codePointCount(0, word.length()) + " characters long, more than the limit of "
                        + maxWordChars + " (starts '" + word.substring(0, word.offsetByCodePoints(0, 20))
                        + "'; raise the limit with --max-word-chars)");
            }
        }
        return trimmed;
    }

    /** Splits on \n (tolerating \r\n) and decodes each line as strict UTF-8, so a bad byte names its line. */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorpusException(file, 0, "file not found");
        } catch (IOException e) {
            throw new CorpusException(file, 0, "cannot read: " + e.getMessage());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3; // UTF-8 byte-order mark
        }
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, start, contentEnd - start));
                lines.add(chars.toString());
            } catch (CharacterCodingException e) {
                throw new CorpusException(file, lineNo, "invalid UTF-8 (the file must be UTF-8 encoded)");
            }
            start = end + 1;
            lineNo++;
        }
        return lines;
    }
}

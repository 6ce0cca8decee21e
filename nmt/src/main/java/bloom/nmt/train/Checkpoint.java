package bloom.nmt.train;

import bloom.nmt.model.Seq2SeqModel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The model with its optimizer state and where in the data it stood. Written to a temporary
 * directory and renamed into place, so a crash while saving leaves the previous checkpoint.
 *
 * @param step         minibatches done
 * @param epoch        the epoch the next minibatch belongs to
 * @param batchInEpoch index of the next minibatch within that epoch
 */
public record Checkpoint(long step, int epoch, int batchInEpoch) {

    static final String DIR = "checkpoint";
    private static final String MODEL = "model.bin";
    private static final String STATE = "state.properties";

    static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(DIR).resolve(STATE));
    }

    void save(Path runDir, Seq2SeqModel model) throws IOException {
        Path tmp = runDir.resolve(DIR + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        model.save(tmp.resolve(MODEL));
        Properties p = new Properties();
        p.setProperty("step", Long.toString(step));
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("batchInEpoch", Integer.toString(batchInEpoch));
        try (Writer w = Files.newBufferedWriter(tmp.resolve(STATE), StandardCharsets.UTF_8)) {
            p.store(w, "Bloom training checkpoint");
        }
        Path dir = runDir.resolve(DIR);
        Path old = runDir.resolve(DIR + ".old");
        deleteTree(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static Checkpoint load(Path runDir) throws IOException {
        Path state = runDir.resolve(DIR).resolve(STATE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new Checkpoint(Long.parseLong(p.getProperty("step")), Integer.parseInt(p.getProperty("epoch")),
                    Integer.parseInt(p.getProperty("batchInEpoch")));
        } catch (RuntimeException e) {
            throw new IOException(state + ": damaged checkpoint state (" + e.getMessage() + ")");
        }
    }

    static Path modelFile(Path runDir) {
        return runDir.resolve(DIR).resolve(MODEL);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

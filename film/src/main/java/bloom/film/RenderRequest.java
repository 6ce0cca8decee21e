package bloom.film;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A render of a recorded run handed to another process (a Spark driver): which run, where the
 * video goes, the settings, the base genome itself (as flam3 XML, so that no worker needs the
 * file it came from) and the backend asked for ({@code auto}, {@code cpu} or {@code cuda}).
 */
public record RenderRequest(String run, String output, RenderSettings settings, String genomeXml, String device)
        implements Serializable {

    /** Writes it to {@code file}. */
    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(this);
        }
    }

    /** Reads one {@link #write} wrote. */
    public static RenderRequest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
            Object value = o.readObject();
            if (!(value instanceof RenderRequest r)) {
                throw new IOException(file + ": not a render request");
            }
            return r;
        } catch (ClassNotFoundException e) {
            throw new IOException(file + ": written by another version of Bloom (" + e.getMessage() + ")", e);
        }
    }
}

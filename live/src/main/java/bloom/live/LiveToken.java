package bloom.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The run's secret for controls: 128 random bits in {@code live.token}, readable by its owner
 * only. Made the first time a run is served and kept, so a printed URL stays valid when the
 * server starts again.
 */
public final class LiveToken {

    public static final String FILE = "live.token";

    private final String value;

    private LiveToken(String value) {
        this.value = value;
    }

    /** The run's token, made now if it has none. */
    public static LiveToken of(Path run) throws IOException {
        Path file = run.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            String token = HexFormat.of().formatHex(b);
            Path tmp = run.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system
            }
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file); // not replacing: two servers starting at once agree on the first
            } catch (FileAlreadyExistsException e) {
                Files.delete(tmp);
            }
        }
        String t = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!t.matches("[0-9a-f]{32}")) {
            throw new IOException(file + ": not a Bloom token (expected 32 hex digits); delete it to make a new one");
        }
        return new LiveToken(t);
    }

    public String value() {
        return value;
    }

    /** Whether {@code candidate} is the token, compared in constant time. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }
}

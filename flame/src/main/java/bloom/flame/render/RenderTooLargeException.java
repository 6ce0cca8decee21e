package bloom.flame.render;

import java.util.Locale;

/** A render that needs more memory than the Java heap has free: refused before it allocates. */
public final class RenderTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RenderTooLargeException(RenderSpec spec, long needed, long free, long max) {
        super(String.format(Locale.ROOT, "rendering %dx%d (oversample %d, %d thread%s) needs %s of memory; Java has %s free "
                        + "of %s", spec.width(), spec.height(), spec.oversample(), spec.threads(), spec.threads() == 1 ? "" : "s",
                size(needed), size(free), size(max)));
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, bytes >> 20));
    }
}

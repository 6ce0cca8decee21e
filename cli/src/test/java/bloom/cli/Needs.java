package bloom.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a browser, a device file). Outside CI a test whose need
 * is not met is skipped, visibly; with {@code CI=true} it fails, so a missing tool can never
 * turn a red build green.
 */
final class Needs {

    private Needs() {}

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static void require(boolean met, String what) {
        if (inCi()) {
            Assertions.assertTrue(met, what + " (CI=true: a missing tool fails the build instead of skipping the test)");
        } else {
            Assumptions.assumeTrue(met, what);
        }
    }
}

package bloom.palette;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaTrackTest {

    /** Rows spread mostly along the first three coordinates, with decreasing variance. */
    private static double[][] cloud(long seed, double sign) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[200][10];
        for (double[] row : x) {
            for (int c = 0; c < 10; c++) {
                double scale = c == 0 ? 5 : c == 1 ? 3 : c == 2 ? 2 : 0.1;
                row[c] = sign * scale * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void findsTheLeadingAxes() {
        PcaTrack t = PcaTrack.fit(List.<double[][]>of(cloud(1, 1)));
        for (int a = 0; a < 3; a++) {
            double[] axis = t.axis(0, a);
            assertTrue(Math.abs(axis[a]) > 0.95, "axis " + a + " lies along coordinate " + a);
        }
        assertTrue(t.spread(0) > 5);
    }

    /**
     * PCA's signs are arbitrary; the track keeps each axis pointing the way it pointed in the
     * previous snapshot, so a colour channel keeps its meaning from snapshot to snapshot.
     */
    @Test
    void keepsAxisSignsFromSnapshotToSnapshot() {
        double[][] a = cloud(2, 1);
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
            for (int c = 0; c < 10; c++) {
                b[i][c] = -a[i][c] + 0.01 * c; // the same cloud, mirrored, slightly moved
            }
        }
        PcaTrack t = PcaTrack.fit(List.of(a, b, a));
        for (int s = 1; s < 3; s++) {
            for (int ax = 0; ax < 3; ax++) {
                assertTrue(PcaTrack.dot(t.axis(s, ax), t.axis(s - 1, ax)) > 0.9, "snapshot " + s + " axis " + ax);
            }
        }
        double[] p = t.projectDelta(1, new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(1, Math.abs(p[0]), 0.05);
    }
}

package bloom.hook;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The count sketch's chunk loop through the Vector API, reading ND4J's off-heap buffer in place:
 * the same arithmetic, lane by lane, as {@link CountSketch.ArrayKernel}, without the copy. Loaded
 * only where the JVM has {@code jdk.incubator.vector}.
 */
final class VectorKernel implements CountSketch.Kernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Override
    public void accumulate(ByteBuffer data, int from, int len, float[] signs, float[] lanes, float[] squares, float[] x) {
        int step = S.length();
        int whole = len - len % step;
        long base = (long) from * Float.BYTES;
        int r = 0;
        for (; r < whole; r += step) {
            FloatVector v = FloatVector.fromByteBuffer(S, data, (int) (base + (long) r * Float.BYTES), ORDER);
            FloatVector.fromArray(S, signs, r).mul(v).add(FloatVector.fromArray(S, lanes, r)).intoArray(lanes, r);
            v.mul(v).add(FloatVector.fromArray(S, squares, r)).intoArray(squares, r);
        }
        for (; r < len; r++) {
            float v = data.getFloat((int) (base + (long) r * Float.BYTES));
            lanes[r] += signs[r] * v;
            squares[r] += v * v;
        }
    }

    @Override
    public void squares(ByteBuffer data, int from, int len, float[] squares, float[] x) {
        int step = S.length();
        int whole = len - len % step;
        long base = (long) from * Float.BYTES;
        int r = 0;
        for (; r < whole; r += step) {
            FloatVector v = FloatVector.fromByteBuffer(S, data, (int) (base + (long) r * Float.BYTES), ORDER);
            v.mul(v).add(FloatVector.fromArray(S, squares, r)).intoArray(squares, r);
        }
        for (; r < len; r++) {
            float v = data.getFloat((int) (base + (long) r * Float.BYTES));
            squares[r] += v * v;
        }
    }

    @Override
    public String name() {
        return "Vector API";
    }
}

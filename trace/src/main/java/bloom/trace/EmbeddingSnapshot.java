package bloom.trace;

/**
 * An embedding matrix at a step, row-major {@code rows x cols} (one row per token). The trace's
 * header says how many leading rows are special (the translator's padding, start, end and
 * unknown, barely trained), so the palette can leave them out.
 *
 * @param step the global step after which it was taken; 0 is before training
 */
public record EmbeddingSnapshot(long step, int rows, int cols, float[] values) {

    public EmbeddingSnapshot {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("Snapshot of " + rows + "x" + cols + " needs " + rows * cols + " values");
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Rows as doubles, a fresh array. */
    public double[][] toMatrix() {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = values[r * cols + c];
            }
        }
        return m;
    }
}

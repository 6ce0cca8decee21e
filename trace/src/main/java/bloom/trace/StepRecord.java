package bloom.trace;

/**
 * What the optimizer did on one minibatch.
 *
 * @param step        global step, 1 for the first minibatch
 * @param epoch       0-based epoch the minibatch belongs to
 * @param loss        the minibatch loss (may be NaN or infinite: recorded, never fatal)
 * @param gradNorm    L2 norm of the gradient of the mean minibatch loss, before any clipping
 * @param updateNorm  L2 norm of the update actually applied to the parameters
 * @param paramNorm   L2 norm of the parameters after the update
 * @param sketch      a fixed-seed count sketch of the update vector (see {@code CountSketch})
 */
public record StepRecord(long step, int epoch, double loss, double gradNorm, double updateNorm, double paramNorm,
                         float[] sketch) {

    public StepRecord {
        sketch = sketch.clone();
    }

    @Override
    public float[] sketch() {
        return sketch.clone();
    }

    /** Sketch component i without copying. */
    public float sketch(int i) {
        return sketch[i];
    }

    public int sketchDims() {
        return sketch.length;
    }

    /** ||update|| / ||parameters||; healthy training sits around 1e-3. */
    public double updateRatio() {
        return paramNorm > 0 ? updateNorm / paramNorm : Double.NaN;
    }

    /** True when the loss and both norms are finite. */
    public boolean finite() {
        return Double.isFinite(loss) && Double.isFinite(gradNorm) && Double.isFinite(updateNorm);
    }
}

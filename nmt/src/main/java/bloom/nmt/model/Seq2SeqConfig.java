package bloom.nmt.model;

/**
 * Hyper-parameters of the translator. The defaults follow the original work: embeddings of 64,
 * two bidirectional encoder layers and two decoder layers, plain SGD on minibatches of 64.
 *
 * @param embeddingSize  width of the source and target embeddings
 * @param hiddenSize     LSTM units per layer and direction
 * @param optimizer      SGD (the original) or Adam
 * @param learningRate   step size of the optimizer
 * @param clipNorm       per-layer gradient L2 norm above which the gradient is rescaled; 0 disables
 * @param seed           parameter initialisation seed
 */
public record Seq2SeqConfig(int embeddingSize, int hiddenSize, Optimizer optimizer, double learningRate,
                            double clipNorm, long seed) {

    public enum Optimizer { SGD, ADAM }

    public static final int DEFAULT_EMBEDDING = 64;
    public static final int DEFAULT_HIDDEN = 64;

    public Seq2SeqConfig {
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("Invalid embedding size: " + embeddingSize);
        }
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("Invalid hidden size: " + hiddenSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Invalid learning rate: " + learningRate);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("Invalid gradient clipping norm: " + clipNorm);
        }
    }

    public static double defaultLearningRate(Optimizer optimizer) {
        return optimizer == Optimizer.SGD ? 0.5 : 0.002;
    }

    public static Seq2SeqConfig defaults(long seed) {
        return new Seq2SeqConfig(DEFAULT_EMBEDDING, DEFAULT_HIDDEN, Optimizer.SGD,
                defaultLearningRate(Optimizer.SGD), 5.0, seed);
    }
}

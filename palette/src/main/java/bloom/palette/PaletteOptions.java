package bloom.palette;

/**
 * How embedding drift becomes colour. The defaults follow the original Bloom palettes.
 *
 * @param tokens               tokens sampled from the vocabulary; each owns a band of the palette
 * @param temperature          scales colour change per unit of embedding movement: 1 lets the
 *                             median token travel a distance of 1 (the RGB cube's edge) over the run
 * @param truncateProbability  chance that a band shows only the later part of its token's history
 * @param bgrProbability       chance that a band maps the PCA axes to B, G, R instead of R, G, B
 * @param seed                 seeds the token sample, the starting colour, truncation and flips
 */
public record PaletteOptions(int tokens, double temperature, double truncateProbability, double bgrProbability,
                             long seed) implements java.io.Serializable {

    public static final int DEFAULT_TOKENS = 16;
    public static final double DEFAULT_TEMPERATURE = 2.0;
    public static final double DEFAULT_TRUNCATE = 0.5;
    public static final double DEFAULT_BGR = 0.1;

    public PaletteOptions {
        if (tokens < 1 || tokens > 256) {
            throw new IllegalArgumentException("Invalid number of palette tokens: " + tokens + " (expected 1 to 256)");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid palette temperature: " + temperature);
        }
        if (!(truncateProbability >= 0 && truncateProbability <= 1)) {
            throw new IllegalArgumentException("Invalid truncation probability: " + truncateProbability + " (expected 0 to 1)");
        }
        if (!(bgrProbability >= 0 && bgrProbability <= 1)) {
            throw new IllegalArgumentException("Invalid BGR probability: " + bgrProbability + " (expected 0 to 1)");
        }
    }

    public static PaletteOptions defaults(long seed) {
        return new PaletteOptions(DEFAULT_TOKENS, DEFAULT_TEMPERATURE, DEFAULT_TRUNCATE, DEFAULT_BGR, seed);
    }
}

package bloom.flame.render;

import java.util.List;
import java.util.Locale;

/**
 * The spatial filter that turns {@code oversample x oversample} histogram cells into one pixel.
 * Its width is {@code 2 * support * oversample * radius} cells, rounded up to the parity of the
 * oversampling so that it stays centred on the pixel's cells; the kernel is separable and sums
 * to 1.
 */
final class SpatialFilter {

    /** Shapes with their support (the half-width at radius 1) and 1-D profile. */
    enum Shape {
        GAUSSIAN(1.5) {
            @Override
            double value(double x) {
                return Math.exp(-2.0 * x * x) * Math.sqrt(2.0 / Math.PI);
            }
        },
        BOX(0.5) {
            @Override
            double value(double x) {
                return x > -0.5 && x <= 0.5 ? 1 : 0;
            }
        },
        TRIANGLE(1.0) {
            @Override
            double value(double x) {
                x = Math.abs(x);
                return x < 1 ? 1 - x : 0;
            }
        };

        final double support;

        Shape(double support) {
            this.support = support;
        }

        abstract double value(double x);

        static Shape byName(String name) {
            for (Shape s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown filter shape '" + name + "' (known: "
                    + String.join(", ", List.of(values()).stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList()) + ")");
        }
    }

    final int width;
    final float[] kernel;

    SpatialFilter(String shapeName, double radius, int oversample) {
        Shape shape = Shape.byName(shapeName);
        double fw = 2.0 * shape.support * oversample * radius;
        int w = (int) fw + 1;
        if (((w ^ oversample) & 1) != 0) {
            w++;
        }
        w = Math.max(w, oversample);
        double adjust = fw > 0 ? shape.support * w / fw : 1;
        double[] profile = new double[w];
        for (int i = 0; i < w; i++) {
            double x = ((2.0 * i + 1.0) / w - 1.0) * adjust;
            profile[i] = fw > 0 ? shape.value(x) : 1;
        }
        float[] k = new float[w * w];
        double sum = 0;
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < w; i++) {
                sum += profile[i] * profile[j];
            }
        }
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < w; i++) {
                k[j * w + i] = (float) (profile[i] * profile[j] / sum);
            }
        }
        this.width = w;
        this.kernel = k;
    }

    /** Histogram cells on each side of the visible area the filter reaches into. */
    int gutter(int oversample) {
        return (width - oversample) / 2;
    }
}

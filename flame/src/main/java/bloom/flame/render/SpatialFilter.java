package bloom.flame.render;

import java.util.List;
import java.util.Locale;

/**
 * The spatial filter that turns {@code oversample x oversample} histogram cells into one pixel.
 * Its width is {@code 2 * support * oversample * radius} cells, rounded up to the parity of the
 * oversampling so that it stays centred on the pixel's cells; the kernel is separable and sums
 * to 1.
 */
public final class SpatialFilter {

    /** flam3's 14 filter shapes, each with its support (half-width at radius 1) and 1-D profile. */
    enum Shape {
        GAUSSIAN(1.5) {
            @Override
            double value(double x) {
                return Math.exp(-2.0 * x * x) * Math.sqrt(2.0 / Math.PI);
            }
        },
        HERMITE(1.0) {
            @Override
            double value(double x) {
                x = Math.abs(x);
                return x < 1 ? (2 * x - 3) * x * x + 1 : 0;
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
        },
        BELL(1.5) {
            @Override
            double value(double x) {
                return quadratic(x);
            }
        },
        BSPLINE(2.0) {
            @Override
            double value(double x) {
                x = Math.abs(x);
                if (x < 1) {
                    return 0.5 * x * x * x - x * x + 2.0 / 3.0;
                }
                if (x < 2) {
                    double t = 2 - x;
                    return t * t * t / 6.0;
                }
                return 0;
            }
        },
        LANCZOS3(3.0) {
            @Override
            double value(double x) {
                return Math.abs(x) < 3 ? sinc(x) * sinc(x / 3) : 0;
            }
        },
        LANCZOS2(2.0) {
            @Override
            double value(double x) {
                return Math.abs(x) < 2 ? sinc(x) * sinc(x / 2) : 0;
            }
        },
        MITCHELL(2.0) {
            @Override
            double value(double x) {
                return cubic(x, 1.0 / 3.0, 1.0 / 3.0);
            }
        },
        BLACKMAN(1.0) {
            @Override
            double value(double x) {
                return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
            }
        },
        CATROM(2.0) {
            @Override
            double value(double x) {
                return cubic(x, 0, 0.5);
            }
        },
        HAMMING(1.0) {
            @Override
            double value(double x) {
                return 0.54 + 0.46 * Math.cos(Math.PI * x);
            }
        },
        HANNING(1.0) {
            @Override
            double value(double x) {
                return 0.5 + 0.5 * Math.cos(Math.PI * x);
            }
        },
        QUADRATIC(1.5) {
            @Override
            double value(double x) {
                return quadratic(x);
            }
        };

        final double support;

        Shape(double support) {
            this.support = support;
        }

        abstract double value(double x);

        static double sinc(double x) {
            x *= Math.PI;
            return x == 0 ? 1 : Math.sin(x) / x;
        }

        /** The quadratic B-spline piece: 0.75 - x^2 near 0, (|x| - 1.5)^2 / 2 out to 1.5. */
        static double quadratic(double x) {
            x = Math.abs(x);
            if (x < 0.5) {
                return 0.75 - x * x;
            }
            if (x < 1.5) {
                return 0.5 * (x - 1.5) * (x - 1.5);
            }
            return 0;
        }

        /** The Mitchell-Netravali family of cubics with parameters b and c. */
        static double cubic(double x, double b, double c) {
            x = Math.abs(x);
            double x2 = x * x, x3 = x2 * x;
            if (x < 1) {
                return ((12 - 9 * b - 6 * c) * x3 + (-18 + 12 * b + 6 * c) * x2 + (6 - 2 * b)) / 6;
            }
            if (x < 2) {
                return ((-b - 6 * c) * x3 + (6 * b + 30 * c) * x2 + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6;
            }
            return 0;
        }

        static Shape byName(String name) {
            for (Shape s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown filter shape '" + name + "' (known: "
                    + String.join(", ", List.of(values()).stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList()) + ")");
        }
    }

    /** The filter shape names flam3 XML may use, lower case. */
    public static List<String> shapeNames() {
        return List.of(Shape.values()).stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
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

package bloom.flame.render;

/**
 * The supersampled histogram the chaos game plots into: per cell the sums of the palette colours
 * of the points that landed there (r, g, b, each weighted by the xform's opacity) and the
 * opacity-weighted hit count. A gutter of cells around the visible area lets the spatial filter
 * see past the image border.
 */
public final class Histogram {

    final int width;
    final int height;
    final int gutter;
    final float[] cells;

    Histogram(int width, int height, int gutter) {
        this.width = width;
        this.height = height;
        this.gutter = gutter;
        long n = (long) width * height * 4;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Histogram of " + width + "x" + height + " cells is too large");
        }
        this.cells = new float[(int) n];
    }

    /** A histogram over cells a backend filled (four floats per cell, row by row). */
    Histogram(int width, int height, int gutter, float[] cells) {
        if ((long) width * height * 4 != cells.length) {
            throw new IllegalArgumentException("Histogram of " + width + "x" + height + " cells given " + cells.length + " floats");
        }
        this.width = width;
        this.height = height;
        this.gutter = gutter;
        this.cells = cells;
    }

    /** Adds {@code other} cell by cell. */
    void add(Histogram other) {
        float[] a = cells;
        float[] b = other.cells;
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /** Sum of the hit counts of all cells. */
    public double totalHits() {
        double t = 0;
        for (int i = 3; i < cells.length; i += 4) {
            t += cells[i];
        }
        return t;
    }
}

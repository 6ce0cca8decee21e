package bloom.film;

/** An image size written {@code WIDTHxHEIGHT}, e.g. {@code 1920x1080}. */
public record Size(int width, int height) implements java.io.Serializable {

    public Size {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Invalid size: " + width + "x" + height);
        }
    }

    public static Size parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT such as 1280x720, found '" + text + "'");
        }
        try {
            int w = Integer.parseInt(parts[0]);
            int h = Integer.parseInt(parts[1]);
            if (w < 1 || h < 1 || w > 16384 || h > 16384) {
                throw new IllegalArgumentException("each side must be 1 to 16384 pixels, found '" + text + "'");
            }
            return new Size(w, h);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT such as 1280x720, found '" + text + "'");
        }
    }

    /** H.264 in yuv420p halves the chroma planes: both sides must be even. */
    public Size requireEven(String option) {
        if (width % 2 != 0 || height % 2 != 0) {
            throw FilmException.usage(option + " " + this + ": width and height must be even for H.264 video (yuv420p)");
        }
        return this;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}

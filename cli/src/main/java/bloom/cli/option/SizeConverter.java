package bloom.cli.option;

import bloom.film.Size;
import picocli.CommandLine;

/** Reads a {@code WIDTHxHEIGHT} option into a {@link Size}. */
public final class SizeConverter implements CommandLine.ITypeConverter<Size> {
    @Override
    public Size convert(String value) {
        try {
            return Size.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

package bloom.flame.genome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fractal flame: the xforms of an iterated function system, an optional final xform applied to
 * every plotted point, a palette, and how to view, sample and tone-map it.
 *
 * @param name          free text
 * @param xforms        at least one
 * @param finalXform    applied to points before plotting, never fed back
 * @param palette       256 colours the xforms' colour coordinates index
 * @param linearPalette {@code palette_mode="linear"}: interpolate between entries; otherwise step
 * @param extras        attributes of the {@code <flame>} element this model does not interpret,
 *                      kept so that a read-write round trip preserves them
 */
public record Genome(String name, List<Xform> xforms, Optional<Xform> finalXform, Palette palette, boolean linearPalette,
                     Camera camera, Sampling sampling, Tone tone, Map<String, String> extras) {

    public Genome {
        name = name == null ? "" : name;
        xforms = List.copyOf(xforms);
        if (xforms.isEmpty()) {
            throw new IllegalArgumentException("A genome needs at least one xform");
        }
        Objects.requireNonNull(finalXform, "finalXform");
        Objects.requireNonNull(palette, "palette");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(tone, "tone");
        extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public Genome withXforms(List<Xform> newXforms) {
        return new Genome(name, newXforms, finalXform, palette, linearPalette, camera, sampling, tone, extras);
    }

    public Genome withPalette(Palette newPalette) {
        return new Genome(name, xforms, finalXform, newPalette, linearPalette, camera, sampling, tone, extras);
    }

    public Genome withCamera(Camera newCamera) {
        return new Genome(name, xforms, finalXform, palette, linearPalette, newCamera, sampling, tone, extras);
    }

    public Genome withSampling(Sampling newSampling) {
        return new Genome(name, xforms, finalXform, palette, linearPalette, camera, newSampling, tone, extras);
    }

    public Genome withName(String newName) {
        return new Genome(newName, xforms, finalXform, palette, linearPalette, camera, sampling, tone, extras);
    }
}

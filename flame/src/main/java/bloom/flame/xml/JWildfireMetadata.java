package bloom.flame.xml;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * JWildfire's per-xform attributes that are not variations: its editor's state (motion curves,
 * {@code *_fx_priority}), settings of its solid and colour-modifying renderers ({@code material},
 * {@code mod_*}, {@code color_type}) and its weighting fields ({@code wfield_*}). Bloom reads
 * them and renders without them; at JWildfire's neutral values they change nothing in the picture.
 */
final class JWildfireMetadata {

    /** Keyframe curves of any animatable value ({@code xyCoeff00Curve_x0}, {@code julian_power_view_xmax}). */
    private static final Pattern CURVE = Pattern.compile(".*(Curve_[A-Za-z0-9_]+|_(view_xmin|view_xmax|view_ymin|view_ymax|x0|y0"
            + "|point_count|selected_idx|locked|enabled|interpolation))");

    private JWildfireMetadata() {}

    /**
     * Whether {@code key} is JWildfire metadata; if so, records it in {@code ignored} under a
     * short family name, and in {@code notApplied} with its value where JWildfire would change the
     * picture with it.
     */
    static boolean read(String key, String value, Set<String> ignored, Set<String> notApplied) {
        String v = value.trim();
        if (key.endsWith("_fx_priority")) {
            ignored.add("*_fx_priority");
            if (!isZero(v)) {
                notApplied.add(key + "=" + v);
            }
            return true;
        }
        if (CURVE.matcher(key).matches()) {
            ignored.add("motion curves");
            return true;
        }
        if (key.startsWith("mod_")) {
            ignored.add("mod_*");
            if (!isZero(v)) {
                notApplied.add(key + "=" + v);
            }
            return true;
        }
        if (key.startsWith("wfield_")) {
            ignored.add("wfield_*");
            if (key.equals("wfield_type") && !isZero(v)) {
                notApplied.add("weighting field " + key + "=" + v);
            }
            return true;
        }
        switch (key) {
            case "material", "material_speed", "mirror_pre_post_translations" -> {
                ignored.add(key);
                return true;
            }
            case "color_type" -> {
                ignored.add(key);
                if (!v.equalsIgnoreCase("DIFFUSION") && !v.equalsIgnoreCase("NONE")) {
                    notApplied.add(key + "=" + v);
                }
                return true;
            }
            case "truchet_direct_color" -> {
                ignored.add(key);
                if (!isZero(v)) {
                    notApplied.add(key + "=" + v);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isZero(String v) {
        try {
            return Double.parseDouble(v) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

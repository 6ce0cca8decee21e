package bloom.flame.xml;

import bloom.flame.genome.Affine;
import bloom.flame.genome.Camera;
import bloom.flame.genome.Curves;
import bloom.flame.genome.Genome;
import bloom.flame.genome.Palette;
import bloom.flame.genome.Sampling;
import bloom.flame.genome.Tone;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.variation.Parameter;
import bloom.flame.variation.Variation;
import bloom.flame.variation.Variations;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes genomes as flam3 XML. A file holds one {@code <flame>} or several, inside any
 * root element ({@code <flames>}, Ember's {@code <Flames>}) or none (Electric Sheep's); each is
 * read on its own ({@link #readEntries}), so one bad genome does not spoil its neighbours.
 * Attributes of {@code <flame>} that the model does not interpret are kept in
 * {@link Genome#extras()} and written back.
 */
public final class FlameXml {

    /** Attributes of {@code <xform>} that are not variations. */
    private static final Set<String> XFORM_ATTRIBUTES = Set.of("weight", "color", "color_speed", "symmetry",
            "opacity", "coefs", "post", "chaos", "name", "animate", "var_color", "plotmode", "motion_frequency",
            "motion_function", "motion_offset", "var1", "var");
    /**
     * Values older Fractorium versions wrote that are computed from other parameters
     * ({@code auger_half_scale} is {@code auger_scale / 2}): read and left to the formula.
     */
    private static final Set<String> DERIVED_PARAMETERS = Set.of("auger_half_scale");
    /** Attributes of {@code <flame>} the model interprets. */
    private static final Set<String> FLAME_ATTRIBUTES = Set.of("name", "size", "center", "scale", "zoom", "rotate",
            "supersample", "oversample", "palette", "quality", "filter", "filter_shape", "estimator_radius", "estimator_minimum",
            "estimator_curve", "brightness", "contrast", "gamma", "gamma_threshold", "vibrancy", "highlight_power",
            "background", "palette_mode", "fuse", "hue", "cam_pitch", "cam_yaw", "cam_persp", "cam_zpos", "cam_dof", "curves");

    private FlameXml() {}

    /**
     * One {@code <flame>} of a file: its genome, or why it cannot be read, and what was read but
     * not applied.
     *
     * @param index    0-based position among the file's genomes ({@code --index})
     * @param name     its {@code name} attribute, or empty
     * @param line     the line of its {@code <flame>} element
     * @param genome   the genome, or null when it cannot be read
     * @param error    why it cannot be read, or null; its message names the file, line, genome and index
     * @param warnings one line each, for attributes read but not applied
     */
    public record Entry(int index, String name, int line, Genome genome, FlameFormatException error, List<String> warnings) {
        public Entry {
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return genome != null;
        }
    }

    /** Reads every genome of a file; the first that cannot be read fails the whole file. */
    public static List<Genome> read(Path file) {
        return genomes(readEntries(file));
    }

    /**
     * Reads every genome of a file, each on its own: a genome that cannot be read is an entry with
     * its error, and its neighbours are read regardless. A file that is not XML fails whole.
     */
    public static List<Entry> readEntries(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FlameFormatException(file.toString(), 0, "file not found");
        } catch (IOException e) {
            throw new FlameFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return entries(bytes, file.toString());
    }

    /** {@link #readEntries(Path)} for an XML document; {@code source} names it in errors. */
    public static List<Entry> parseEntries(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new FlameFormatException(source, 0, "cannot read: " + e.getMessage());
        }
        return entries(bytes, source);
    }

    private static List<Genome> genomes(List<Entry> entries) {
        List<Genome> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.ok()) {
                throw e.error();
            }
            out.add(e.genome());
        }
        return out;
    }

    /**
     * Reads every genome of an XML document; {@code source} names it in errors. A file of several
     * top-level {@code <flame>} elements with no root around them (Electric Sheep writes them; flam3
     * reads them) is read as if one enclosed them, with the same line numbers.
     */
    public static List<Genome> parse(InputStream in, String source) {
        return genomes(parseEntries(in, source));
    }

    private static List<Entry> entries(byte[] bytes, String source) {
        try {
            return parseDocument(new ByteArrayInputStream(bytes), source);
        } catch (SeveralRoots e) {
            return parseDocument(new ByteArrayInputStream(enclosed(bytes)), source);
        }
    }

    /** The parser's complaint about a second top-level element. */
    private static final class SeveralRoots extends RuntimeException {
        SeveralRoots() {
            super(null, null, false, false);
        }
    }

    /** The document with a root element around its content, after any XML declaration, on the same line. */
    static byte[] enclosed(byte[] doc) {
        String text = new String(doc, java.nio.charset.StandardCharsets.ISO_8859_1); // byte for byte
        int at = 0;
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            at = end < 0 ? 0 : end + 2;
        }
        String wrapped = text.substring(0, at) + "<flames>" + text.substring(at) + "\n</flames>\n";
        return wrapped.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static List<Entry> parseDocument(InputStream in, String source) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, without a search of every jar on the class path
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<Entry> genomes = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("flame")) {
                    genomes.add(readEntry(r, source, genomes.size()));
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String msg = e.getMessage();
            if (!genomes.isEmpty() && msg != null && msg.contains("following the root element")) {
                throw new SeveralRoots();
            }
            int idx = msg == null ? -1 : msg.indexOf("Message: ");
            String text = idx >= 0 ? msg.substring(idx + 9) : String.valueOf(msg);
            // The parser names some errors by a key, "http://...#AttributeNotUnique?element&attribute"
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("#AttributeNotUnique\\?([^&\\s]+)&(\\S+)").matcher(text);
            if (m.find()) {
                text = "attribute '" + m.group(2) + "' appears twice in <" + m.group(1) + ">";
            } else if (text.startsWith("http://") && text.contains("#")) {
                text = text.substring(text.indexOf('#') + 1).replace('?', ' ').replace('&', ' ');
            }
            throw new FlameFormatException(source, line, "malformed XML: " + text);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // the parse already succeeded or failed with its own message
                }
            }
        }
        if (genomes.isEmpty()) {
            throw new FlameFormatException(source, 0, "no <flame> element");
        }
        return genomes;
    }

    /** One {@code <flame>}: its genome, or its error with the rest of its element skipped. */
    private static Entry readEntry(XMLStreamReader r, String source, int index) throws XMLStreamException {
        int line = r.getLocation().getLineNumber();
        String name = Optional.ofNullable(r.getAttributeValue(null, "name")).orElse("");
        String which = "genome " + index + (name.isEmpty() ? "" : " '" + name + "'");
        FlameReader reader = new FlameReader(r, source);
        try {
            Genome g = reader.readFlame();
            return new Entry(index, name, line, g, null, reader.warnings);
        } catch (FlameFormatException e) {
            boolean inside = !(r.getEventType() == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("flame"));
            while (inside && r.hasNext()) {
                if (r.next() == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("flame")) {
                    break;
                }
            }
            return new Entry(index, name, line, null,
                    new FlameFormatException(e.source(), e.line(), which + ": " + e.problem()), List.of());
        }
    }

    /** One {@code <flame>} element, read with its line numbers for errors. */
    private static final class FlameReader {
        private final XMLStreamReader r;
        private final String source;
        /** What was read but is not applied, one line each. */
        final List<String> warnings = new ArrayList<>();
        /** Variations Bloom does not have, each with the xforms that use it. */
        private final Map<String, List<String>> missing = new LinkedHashMap<>();
        private int missingLine;
        /** JWildfire's per-xform metadata read and ignored, and the values of it that its renderer would apply. */
        private final Set<String> ignored = new java.util.TreeSet<>();
        private final Set<String> notApplied = new LinkedHashSet<>();

        FlameReader(XMLStreamReader r, String source) {
            this.r = r;
            this.source = source;
        }

        private FlameFormatException error(String problem) {
            return new FlameFormatException(source, r.getLocation().getLineNumber(), problem);
        }

        private Map<String, String> attributes() {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                a.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            return a;
        }

        Genome readFlame() throws XMLStreamException {
            int flameLine = r.getLocation().getLineNumber();
            Map<String, String> fa = attributes();
            List<Xform> xforms = new ArrayList<>();
            Xform finalXform = null;
            Palette palette = null;
            float[] colours = null;
            int symmetry = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("flame")) {
                    break;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "xform" -> xforms.add(readXform("xform " + (xforms.size() + 1)));
                    case "finalxform" -> {
                        if (finalXform != null) {
                            throw error("more than one <finalxform>");
                        }
                        finalXform = readXform("finalxform");
                    }
                    case "palette" -> palette = readPalette();
                    case "color" -> {
                        if (colours == null) {
                            colours = new float[Palette.SIZE * 3];
                        }
                        readColour(colours);
                    }
                    case "symmetry" -> {
                        Map<String, String> a = attributes();
                        symmetry = (int) Math.rint(new Attr(a, source, "symmetry", r.getLocation().getLineNumber())
                                .number("kind", 0));
                    }
                    default -> { /* edits, curves, motion elements: not interpreted */ }
                }
            }
            if (!missing.isEmpty()) {
                throw new FlameFormatException(source, missingLine, missingMessage());
            }
            if (palette == null && colours != null) {
                palette = Palette.of(colours);
            }
            if (palette == null && fa.containsKey("palette")) {
                palette = Flam3Palettes.palette(fa.get("palette"), source, flameLine);
            }
            if (xforms.isEmpty()) {
                throw new FlameFormatException(source, flameLine, "<flame> has no <xform> (a template, or an empty genome)");
            }
            if (palette == null) {
                throw new FlameFormatException(source, flameLine, "<flame> has no <palette> or <color> entries");
            }
            xforms.addAll(Symmetry.xforms(symmetry));
            if (!ignored.isEmpty()) {
                warnings.add("ignored JWildfire xform metadata that Bloom's render does not use: " + String.join(", ", ignored));
            }
            if (!notApplied.isEmpty()) {
                warnings.add("JWildfire xform settings not applied (Bloom renders without them): " + String.join(", ", notApplied));
            }
            return genome(fa, flameLine, xforms, finalXform, palette);
        }

        /** Every variation of the genome that Bloom lacks, in one line of bounded length. */
        private String missingMessage() {
            StringBuilder sb = new StringBuilder("uses ").append(missing.size())
                    .append(missing.size() == 1 ? " variation" : " variations").append(" Bloom does not have: ");
            int shown = 0;
            for (Map.Entry<String, List<String>> e : missing.entrySet()) {
                String item = e.getKey() + " (" + String.join(", ", e.getValue()) + ")";
                if (shown > 0 && sb.length() + item.length() > 300) {
                    break;
                }
                sb.append(shown > 0 ? ", " : "").append(item);
                shown++;
            }
            if (shown < missing.size()) {
                sb.append(" and ").append(missing.size() - shown).append(" more");
            }
            String first = missing.keySet().iterator().next();
            sb.append("; nearest registered names to '").append(first).append("': ")
                    .append(String.join(", ", Variations.nearest(first, 3)));
            return sb.toString();
        }

        private Genome genome(Map<String, String> a, int line, List<Xform> xforms, Xform finalXform, Palette palette) {
            Attr at = new Attr(a, source, "flame", line);
            double[] size = at.numbers("size", 2, new double[] {640, 480});
            double[] center = at.numbers("center", 2, new double[] {0, 0});
            int width = (int) Math.round(size[0]);
            int height = (int) Math.round(size[1]);
            if (width < 1 || height < 1) {
                throw new FlameFormatException(source, line, "attribute 'size' of <flame>: expected two positive integers, found '" + a.get("size") + "'");
            }
            Camera camera;
            Sampling sampling;
            Tone tone;
            try {
                camera = new Camera(width, height, center[0], center[1], at.number("scale", 50), at.number("zoom", 0),
                        at.number("rotate", 0), new Camera.View3D(at.number("cam_pitch", 0), at.number("cam_yaw", 0),
                        at.number("cam_persp", 0), at.number("cam_zpos", 0), at.number("cam_dof", 0)));
                sampling = new Sampling(at.number("quality", 100), (int) at.number("supersample", at.number("oversample", 1)),
                        at.number("filter", 0.5), a.getOrDefault("filter_shape", "gaussian").toLowerCase(Locale.ROOT),
                        at.number("estimator_radius", 9), at.number("estimator_minimum", 0),
                        at.number("estimator_curve", 0.4), (int) at.number("fuse", 15));
                tone = new Tone(at.number("brightness", 4), at.number("contrast", 1), at.number("gamma", 4),
                        at.number("gamma_threshold", 0.01), at.number("vibrancy", 1), at.number("highlight_power", -1),
                        at.numbers("background", 3, new double[] {0, 0, 0}),
                        a.containsKey("curves") ? new Curves(at.numbers("curves", 48, null)) : Curves.IDENTITY);
            } catch (IllegalArgumentException e) {
                throw new FlameFormatException(source, line, "<flame>: " + e.getMessage());
            }
            String shape = a.getOrDefault("filter_shape", "gaussian").toLowerCase(Locale.ROOT);
            if (!bloom.flame.render.SpatialFilter.shapeNames().contains(shape)) {
                throw new FlameFormatException(source, line, "attribute 'filter_shape' of <flame>: unknown shape '"
                        + a.get("filter_shape") + "' (known: " + String.join(", ", bloom.flame.render.SpatialFilter.shapeNames()) + ")");
            }
            String mode = a.getOrDefault("palette_mode", "step");
            if (!mode.equals("step") && !mode.equals("linear")) {
                throw new FlameFormatException(source, line, "attribute 'palette_mode' of <flame>: expected 'step' or 'linear', found '" + mode + "'");
            }
            double hue = at.number("hue", 0);
            Map<String, String> extras = new LinkedHashMap<>();
            a.forEach((k, v) -> {
                if (!FLAME_ATTRIBUTES.contains(k)) {
                    extras.put(k, v);
                }
            });
            return new Genome(a.getOrDefault("name", ""), xforms, Optional.ofNullable(finalXform),
                    palette.rotateHue(hue), mode.equals("linear"), camera, sampling, tone, extras);
        }

        private Xform readXform(String which) {
            Map<String, String> a = new LinkedHashMap<>();
            // Variations and parameters written in another case (Fractorium's "Mobius") take the
            // registered spelling; an attribute also present in that spelling keeps its own.
            Map<String, String> raw = attributes();
            for (Map.Entry<String, String> e : raw.entrySet()) {
                String key = e.getKey();
                Optional<String> spelled = XFORM_ATTRIBUTES.contains(key) ? Optional.empty() : Variations.spelling(key);
                a.put(spelled.isPresent() && !raw.containsKey(spelled.get()) ? spelled.get() : key, e.getValue());
            }
            Attr at = new Attr(a, source, which, r.getLocation().getLineNumber());
            List<VariationTerm> terms = new ArrayList<>();
            Set<String> unknown = new LinkedHashSet<>();
            Map<Variation, double[]> params = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : a.entrySet()) {
                String key = e.getKey();
                if (XFORM_ATTRIBUTES.contains(key)) {
                    continue;
                }
                Optional<Variation> v = Variations.byName(key);
                if (v.isPresent()) {
                    params.putIfAbsent(v.get(), v.get().defaults());
                    continue;
                }
                Optional<Variation> owner = Variations.byParameter(key);
                if (owner.isEmpty() && !DERIVED_PARAMETERS.contains(key) && !JWildfireMetadata.read(key, e.getValue(), ignored, notApplied)) {
                    unknown.add(key);
                }
            }
            if (!unknown.isEmpty()) {
                if (missing.isEmpty()) {
                    missingLine = r.getLocation().getLineNumber();
                }
                for (String name : variationNames(unknown)) {
                    missing.computeIfAbsent(name, k -> new ArrayList<>()).add(which);
                }
            }
            for (Map.Entry<Variation, double[]> e : params.entrySet()) {
                Variation v = e.getKey();
                double[] p = e.getValue();
                List<Parameter> declared = v.parameters();
                for (int i = 0; i < declared.size(); i++) {
                    p[i] = at.number(declared.get(i).name(), p[i]);
                }
                terms.add(new VariationTerm(v, at.number(v.name(), 0), p));
            }
            for (String key : a.keySet()) {
                Optional<Variation> owner = Variations.byParameter(key);
                if (owner.isPresent() && !params.containsKey(owner.get())) {
                    throw error("attribute '" + key + "' of <" + which + "> is a parameter of variation '"
                            + owner.get().name() + "', which this xform does not use");
                }
            }
            if (terms.stream().allMatch(t -> t.variation().base().isPresent())) {
                // no variation, or only pre_/post_ forms: the point passes through, as in Ember
                terms.add(VariationTerm.of(Variations.byName("linear").orElseThrow(), 1.0));
            }
            double colourSpeed;
            if (a.containsKey("color_speed")) {
                colourSpeed = at.number("color_speed", 0.5);
            } else {
                colourSpeed = (1 - at.number("symmetry", 0)) / 2;
            }
            double[] coefs = at.numbers("coefs", 6, Affine.IDENTITY.toArray());
            double[] post = at.numbers("post", 6, Affine.IDENTITY.toArray());
            double[] chaos = a.containsKey("chaos") ? at.numbers("chaos", -1, new double[0]) : new double[0];
            double[] colour = at.numbers("color", -1, new double[] {0});
            return new Xform(at.number("weight", which.equals("finalxform") ? 0 : 1), colour[0], colourSpeed,
                    at.number("opacity", 1), Affine.of(coefs), Affine.of(post), terms, chaos, at.number("animate", 1) != 0,
                    a.getOrDefault("name", ""));
        }

        /** The variations among unknown attributes: an unknown variation brings its parameters along ("auger", "auger_freq"). */
        private static List<String> variationNames(Set<String> unknown) {
            List<String> names = new ArrayList<>();
            for (String u : unknown) {
                boolean isParam = unknown.stream().anyMatch(o -> !o.equals(u) && u.startsWith(o + "_"));
                if (!isParam) {
                    names.add(u);
                }
            }
            return names.isEmpty() ? List.copyOf(unknown) : names;
        }

        private Palette readPalette() throws XMLStreamException {
            Map<String, String> a = attributes();
            int line = r.getLocation().getLineNumber();
            String format = a.getOrDefault("format", "RGB").toUpperCase(Locale.ROOT);
            if (!a.containsKey("count") && a.containsKey("index")) {
                return Flam3Palettes.palette(a.get("index"), source, line);
            }
            int count = (int) new Attr(a, source, "palette", line).number("count", 256);
            String text = r.getElementText().replaceAll("\\s+", "");
            int digits = format.equals("RGBA") ? 8 : format.equals("RGB") ? 6 : -1;
            if (digits < 0) {
                throw new FlameFormatException(source, line, "<palette format=\"" + format + "\">: expected RGB or RGBA");
            }
            if (count < 1 || text.length() != count * digits) {
                throw new FlameFormatException(source, line, "<palette>: expected " + count + " colours of " + digits
                        + " hex digits, found " + text.length() + " digits");
            }
            float[] src = new float[count * 3];
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < 3; c++) {
                    int at = i * digits + (digits == 8 ? 2 : 0) + 2 * c;
                    int v = Character.digit(text.charAt(at), 16) * 16 + Character.digit(text.charAt(at + 1), 16);
                    if (Character.digit(text.charAt(at), 16) < 0 || Character.digit(text.charAt(at + 1), 16) < 0) {
                        throw new FlameFormatException(source, line, "<palette>: '" + text.substring(at, at + 2) + "' is not a hex byte");
                    }
                    src[3 * i + c] = v / 255f;
                }
            }
            return Palette.of(resample(src, count));
        }

        private void readColour(float[] colours) {
            Map<String, String> a = attributes();
            Attr at = new Attr(a, source, "color", r.getLocation().getLineNumber());
            int index = (int) at.number("index", -1);
            if (index < 0 || index >= Palette.SIZE) {
                throw error("<color>: index must be 0 to 255, found '" + a.get("index") + "'");
            }
            double[] rgb = at.numbers("rgb", 3, null);
            for (int c = 0; c < 3; c++) {
                colours[3 * index + c] = (float) (rgb[c] / 255.0);
            }
        }
    }

    /** Linear resampling of a palette of any length to 256 entries. */
    private static float[] resample(float[] src, int count) {
        if (count == Palette.SIZE) {
            return src;
        }
        float[] out = new float[Palette.SIZE * 3];
        for (int i = 0; i < Palette.SIZE; i++) {
            double pos = count == 1 ? 0 : i * (count - 1) / (double) (Palette.SIZE - 1);
            int i0 = (int) Math.floor(pos);
            int i1 = Math.min(count - 1, i0 + 1);
            double f = pos - i0;
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] = (float) ((1 - f) * src[3 * i0 + c] + f * src[3 * i1 + c]);
            }
        }
        return out;
    }

    /** Typed access to the attributes of one element, with errors naming it. */
    private record Attr(Map<String, String> a, String source, String element, int line) {
        double number(String key, double fallback) {
            String v = a.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new FlameFormatException(source, line, "attribute '" + key + "' of <" + element
                        + ">: expected a finite number, found '" + v + "'");
            }
        }

        /** {@code n} numbers separated by spaces, or any count when {@code n < 0}. */
        double[] numbers(String key, int n, double[] fallback) {
            String v = a.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new FlameFormatException(source, line, "<" + element + "> lacks attribute '" + key + "'");
                }
                return fallback.clone();
            }
            String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
            if (n >= 0 && parts.length != n) {
                throw new FlameFormatException(source, line, "attribute '" + key + "' of <" + element
                        + ">: expected " + n + " numbers, found '" + v + "'");
            }
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i]);
                    if (!Double.isFinite(out[i])) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new FlameFormatException(source, line, "attribute '" + key + "' of <" + element
                            + ">: '" + parts[i] + "' is not a finite number");
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes genomes as one {@code <flames>} document. */
    public static void write(List<Genome> genomes, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<flames>\n");
        for (Genome g : genomes) {
            appendFlame(sb, g);
        }
        sb.append("</flames>\n");
        out.write(sb.toString());
        out.flush();
    }

    public static void write(List<Genome> genomes, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(genomes, w);
        }
    }

    public static String toXml(Genome genome) {
        StringBuilder sb = new StringBuilder();
        appendFlame(sb, genome);
        return sb.toString();
    }

    private static void appendFlame(StringBuilder sb, Genome g) {
        Camera c = g.camera();
        Sampling s = g.sampling();
        Tone t = g.tone();
        sb.append("<flame");
        attr(sb, "name", g.name());
        attr(sb, "size", c.width() + " " + c.height());
        attr(sb, "center", num(c.centerX()) + " " + num(c.centerY()));
        attr(sb, "scale", num(c.scale()));
        if (c.zoom() != 0) {
            attr(sb, "zoom", num(c.zoom()));
        }
        attr(sb, "rotate", num(c.rotate()));
        if (c.view3d().active()) {
            Camera.View3D v = c.view3d();
            attr(sb, "cam_pitch", num(v.pitch()));
            attr(sb, "cam_yaw", num(v.yaw()));
            attr(sb, "cam_persp", num(v.perspective()));
            attr(sb, "cam_zpos", num(v.zpos()));
            attr(sb, "cam_dof", num(v.dof()));
        }
        attr(sb, "supersample", Integer.toString(s.oversample()));
        attr(sb, "quality", num(s.quality()));
        attr(sb, "filter", num(s.filterRadius()));
        attr(sb, "filter_shape", s.filterShape());
        attr(sb, "estimator_radius", num(s.estimatorRadius()));
        attr(sb, "estimator_minimum", num(s.estimatorMinimum()));
        attr(sb, "estimator_curve", num(s.estimatorCurve()));
        attr(sb, "fuse", Integer.toString(s.fuse()));
        attr(sb, "brightness", num(t.brightness()));
        attr(sb, "contrast", num(t.contrast()));
        attr(sb, "gamma", num(t.gamma()));
        attr(sb, "gamma_threshold", num(t.gammaThreshold()));
        attr(sb, "vibrancy", num(t.vibrancy()));
        attr(sb, "highlight_power", num(t.highlightPower()));
        double[] bg = t.background();
        attr(sb, "background", num(bg[0]) + " " + num(bg[1]) + " " + num(bg[2]));
        attr(sb, "palette_mode", g.linearPalette() ? "linear" : "step");
        if (!t.curves().isIdentity()) {
            attr(sb, "curves", join(t.curves().values()));
        }
        g.extras().forEach((k, v) -> attr(sb, k, v));
        sb.append(">\n");
        for (Xform x : g.xforms()) {
            appendXform(sb, "xform", x, true);
        }
        g.finalXform().ifPresent(x -> appendXform(sb, "finalxform", x, false));
        sb.append("   <palette count=\"256\" format=\"RGB\">\n");
        Palette p = g.palette();
        for (int i = 0; i < Palette.SIZE; i++) {
            if (i % 8 == 0) {
                sb.append("      ");
            }
            sb.append(String.format(Locale.ROOT, "%02X%02X%02X", Math.round(p.red(i) * 255),
                    Math.round(p.green(i) * 255), Math.round(p.blue(i) * 255)));
            if (i % 8 == 7) {
                sb.append('\n');
            }
        }
        sb.append("   </palette>\n");
        sb.append("</flame>\n");
    }

    private static void appendXform(StringBuilder sb, String tag, Xform x, boolean weighted) {
        sb.append("   <").append(tag);
        if (weighted) {
            attr(sb, "weight", num(x.weight()));
        }
        attr(sb, "color", num(x.colour()));
        attr(sb, "color_speed", num(x.colourSpeed()));
        attr(sb, "opacity", num(x.opacity()));
        if (!x.animate()) {
            attr(sb, "animate", "0");
        }
        if (!x.name().isEmpty()) {
            attr(sb, "name", x.name());
        }
        for (VariationTerm term : x.variations()) {
            attr(sb, term.variation().name(), num(term.weight()));
            List<Parameter> ps = term.variation().parameters();
            for (int i = 0; i < ps.size(); i++) {
                if (!ps.get(i).optional() || term.parameter(i) != ps.get(i).defaultValue()) {
                    attr(sb, ps.get(i).name(), num(term.parameter(i)));
                }
            }
        }
        attr(sb, "coefs", join(x.pre().toArray()));
        if (!x.post().isIdentity()) {
            attr(sb, "post", join(x.post().toArray()));
        }
        if (x.xaos().length > 0) {
            attr(sb, "chaos", join(x.xaos()));
        }
        sb.append("/>\n");
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(num(v[i]));
        }
        return sb.toString();
    }

    /** Shortest decimal that reads back to the same double; integers without a fraction. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void attr(StringBuilder sb, String key, String value) {
        sb.append(' ').append(key).append("=\"").append(escape(value)).append('"');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package bloom.flame.variation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of variations, keyed by flam3 XML name. Built once; lookups are cheap and the
 * registry is immutable. The formulas live in {@link CoreVariations}.
 */
public final class Variations {

    private static final List<Variation> ALL;
    private static final Map<String, Variation> BY_NAME;
    private static final Map<String, Variation> BY_PARAMETER;
    /** Registered names and parameter names by their lower case; null where two differ only in case. */
    private static final Map<String, String> BY_LOWER_CASE;

    static {
        Builder b = new Builder();
        CoreVariations.register(b);
        Flam3Variations.register(b);
        PluginVariations.register(b);
        b.addStagedForms();
        ALL = Collections.unmodifiableList(b.list);
        Map<String, Variation> byName = new LinkedHashMap<>();
        Map<String, Variation> byParam = new LinkedHashMap<>();
        for (Variation v : ALL) {
            if (byName.put(v.name(), v) != null) {
                throw new IllegalStateException("Variation declared twice: " + v.name());
            }
            for (Parameter p : v.parameters()) {
                if (byParam.put(p.name(), v) != null) {
                    throw new IllegalStateException("Variation parameter declared twice: " + p.name());
                }
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_PARAMETER = Collections.unmodifiableMap(byParam);
        Map<String, String> lower = new java.util.HashMap<>();
        for (String k : byName.keySet()) {
            lower.merge(k.toLowerCase(java.util.Locale.ROOT), k, (x, y) -> "");
        }
        for (String k : byParam.keySet()) {
            lower.merge(k.toLowerCase(java.util.Locale.ROOT), k, (x, y) -> "");
        }
        lower.values().removeIf(String::isEmpty);
        BY_LOWER_CASE = Collections.unmodifiableMap(lower);
    }

    /**
     * The registered spelling of a variation or parameter attribute written in another case
     * (Fractorium writes {@code Mobius} and {@code Mobius_Re_A} for flam3's {@code mobius} and
     * {@code mobius_re_a}); empty if none, or if the attribute is registered as it is.
     */
    public static Optional<String> spelling(String attribute) {
        if (BY_NAME.containsKey(attribute) || BY_PARAMETER.containsKey(attribute)) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_LOWER_CASE.get(attribute.toLowerCase(java.util.Locale.ROOT)));
    }

    private Variations() {}

    /** Every variation, in registry (id) order. */
    public static List<Variation> all() {
        return ALL;
    }

    public static Variation byId(int id) {
        return ALL.get(id);
    }

    public static Optional<Variation> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The variation a parameter attribute ({@code "julian_power"}) belongs to. */
    public static Optional<Variation> byParameter(String parameter) {
        return Optional.ofNullable(BY_PARAMETER.get(parameter));
    }

    /** Up to {@code n} registered names closest to {@code name} by edit distance, for error messages. */
    public static List<String> nearest(String name, int n) {
        List<String> names = new ArrayList<>(BY_NAME.keySet());
        names.sort(Comparator.comparingInt((String k) -> editDistance(k, name)).thenComparing(k -> k));
        return names.subList(0, Math.min(n, names.size()));
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Collects declarations; ids are assigned in declaration order. */
    static final class Builder {
        private final List<Variation> list = new ArrayList<>();

        void add(String name, Variation.Formula formula) {
            add(name, List.of(), formula);
        }

        void add(String name, List<Parameter> parameters, Variation.Formula formula) {
            list.add(new Variation(name, list.size(), parameters, formula, Variation.Stage.REGULAR));
        }

        /** A variation that moves the input point before the others run. */
        void addPre(String name, Variation.Formula formula) {
            list.add(new Variation(name, list.size(), List.of(), formula, Variation.Stage.PRE));
        }

        /**
         * Declares the {@code pre_} and {@code post_} form of every variation declared so far with
         * its own formula (those not already declared under that name, as {@code pre_blur} is),
         * their parameters prefixed the same way ({@code pre_falloff2_scatter}). They come after
         * every declared variation, so the declared ones keep their ids.
         */
        void addStagedForms() {
            List<Variation> declared = List.copyOf(list);
            java.util.Set<String> names = new java.util.HashSet<>();
            declared.forEach(v -> names.add(v.name()));
            for (Variation.Stage stage : List.of(Variation.Stage.PRE, Variation.Stage.POST)) {
                String prefix = stage == Variation.Stage.PRE ? PRE : POST;
                for (Variation v : declared) {
                    if (v.stage() != Variation.Stage.REGULAR || names.contains(prefix + v.name())) {
                        continue;
                    }
                    List<Parameter> ps = new ArrayList<>();
                    for (Parameter p : v.parameters()) {
                        ps.add(new Parameter(prefix + p.name(), p.defaultValue(), p.optional()));
                    }
                    Variation.Formula f = stage == Variation.Stage.PRE ? pre(v.formula()) : post(v.formula());
                    list.add(new Variation(prefix + v.name(), list.size(), ps, f, stage, v));
                }
            }
        }

        /** A variation that changes the summed output after the others ran. */
        void addPost(String name, List<Parameter> parameters, Variation.Formula formula) {
            list.add(new Variation(name, list.size(), parameters, formula, Variation.Stage.POST));
        }
    }

    /** The prefixes of a variation's staged forms: {@code pre_} moves the input point, {@code post_} the sum. */
    public static final String PRE = "pre_", POST = "post_";

    /**
     * The {@code pre_} form of a variation: its output, weighted, replaces the input point that the
     * xform's other variations see (z too, where the variation moves z), as Apophysis, JWildfire
     * and Ember apply {@code pre_} variations.
     */
    static Variation.Formula pre(Variation.Formula f) {
        return (s, w, p, o) -> {
            double px = s.px, py = s.py, pz = s.pz;
            s.px = 0;
            s.py = 0;
            s.pz = 0;
            f.apply(s, w, p, o);
            s.tx = s.px;
            s.ty = s.py;
            if (s.pz != 0) {
                s.tz = s.pz;
            }
            s.px = px;
            s.py = py;
            s.pz = pz;
            s.moved();
        };
    }

    /**
     * The {@code post_} form of a variation: applied to the sum of the xform's other variations,
     * its weighted output replaces that sum (z is kept where the variation does not move it).
     */
    static Variation.Formula post(Variation.Formula f) {
        return (s, w, p, o) -> {
            double tx = s.tx, ty = s.ty, tz = s.tz, pz = s.pz;
            s.tx = s.px;
            s.ty = s.py;
            s.tz = s.pz;
            s.moved();
            s.px = 0;
            s.py = 0;
            s.pz = 0;
            f.apply(s, w, p, o);
            if (s.pz == 0) {
                s.pz = pz;
            }
            s.tx = tx;
            s.ty = ty;
            s.tz = tz;
            s.moved();
        };
    }

    /** An Ember extension parameter of a flam3 variation: see {@link Parameter#optional()}. */
    static Parameter extension(String name, double defaultValue) {
        return new Parameter(name, defaultValue, true);
    }

    static List<Parameter> params(Object... nameDefaultPairs) {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < nameDefaultPairs.length; ) {
            if (nameDefaultPairs[i] instanceof Parameter p) {
                ps.add(p);
                i++;
            } else {
                ps.add(new Parameter((String) nameDefaultPairs[i], ((Number) nameDefaultPairs[i + 1]).doubleValue()));
                i += 2;
            }
        }
        return ps;
    }
}

package bloom.flame;

import bloom.flame.genome.Genome;
import bloom.flame.genome.VariationTerm;
import bloom.flame.genome.Xform;
import bloom.flame.render.CompiledGenome;
import bloom.flame.render.CpuRenderer;
import bloom.flame.render.Image;
import bloom.flame.render.RenderSpec;
import bloom.flame.render.Renderer;
import bloom.flame.render.Similarity;
import bloom.flame.xml.FlameFormatException;
import bloom.flame.xml.FlameXml;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the genomes artists share ({@code ../shared/reference/external-flames}: 150 genomes of
 * 13 public repositories, their dialect and count per file listed in its SOURCES.md), renders
 * each small and quickly, and prints a table per dialect: how many render, and, for those
 * flam3 reads (every variation one of flam3's), the SSIM of Bloom's image against
 * flam3-render's next to flam3's own seed-to-seed SSIM, its noise floor.
 *
 * <p>Asserted: at least 95% render
 * ({@link #MIN_RENDERED}), and per dialect the mean SSIM against flam3 is within 0.02 of the mean
 * floor. Skipped, visibly, only where {@code ../shared} is not beside the checkout (failed with
 * {@code CI=true}); without flam3-render the SSIM half needs it as the browser tests need Chromium.
 */
class ExternalFlamesTest {

    /** Of the 150 genomes, at least 95% render. */
    static final int MIN_RENDERED = 143;
    /** flam3's variations are Bloom's ids 0 to 98. */
    static final int FLAM3_VARIATIONS = 99;
    /** Small and quick: about 128 pixels wide, quality 40. */
    static final double WIDTH = 128, QUALITY = 40;

    /**
     * Below this seed-to-seed SSIM flam3's own image is noise at this size and quality (a genome
     * with no attractor, such as one identity xform, plots its random starting points): comparing
     * against it measures nothing, so such genomes are listed and left out of the means.
     */
    static final double NOISE = 0.5;

    private static final Pattern ROW = Pattern.compile("\\| `([^`]+)` \\| `[^`]+` \\| `[^`]+` \\| (\\S+) .*\\| (\\d+) / (\\d+) \\|");

    static Path directory() {
        Path dir = Path.of("../../shared/reference/external-flames");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../shared/reference/external-flames");
        }
        String missing = "the shared external flames are not beside the checkout (../shared/reference/external-flames)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(Files.isDirectory(dir), missing + "; CI=true: that fails the build");
        } else {
            Assumptions.assumeTrue(Files.isDirectory(dir), missing);
        }
        return dir;
    }

    /** One dialect's line of the table. */
    static final class Tally {
        int total, rendered, compared;
        double ssim, floor;
        final List<String> failures = new ArrayList<>();
        /** flam3-readable by their variations, yet flam3-render wrote no image (it refuses the file). */
        final List<String> unread = new ArrayList<>();
        /** flam3-readable, but flam3's two seeds agree less than {@link #NOISE}: its image is noise at this size. */
        final List<String> noise = new ArrayList<>();
        /** Compared, and more than 0.02 below the floor. */
        final List<String> far = new ArrayList<>();
    }

    @Test
    void theFlamesArtistsShareRenderAndLookAsFlam3DrawsThem() throws Exception {
        Path dir = directory();
        boolean flam3 = Flam3Tool.available();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(flam3, "flam3-render (Debian packages flam3-utils, flam3-palette) is not installed and could not be: "
                    + Flam3Tool.installLog() + " (CI=true: a missing tool fails the build)");
        }
        Path work = Files.createTempDirectory("bloom-external-flames");
        Map<String, Tally> table = new TreeMap<>();
        int fileNo = 0;
        for (String line : Files.readAllLines(dir.resolve("SOURCES.md"))) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Path file = dir.resolve(m.group(1));
            Tally t = table.computeIfAbsent(m.group(2), k -> new Tally());
            int used = Integer.parseInt(m.group(4));
            List<FlameXml.Entry> entries;
            try {
                entries = FlameXml.readEntries(file);
            } catch (FlameFormatException e) {
                t.total += used;
                t.failures.add(e.getMessage());
                continue;
            }
            fileNo++;
            Genome first = entries.stream().filter(FlameXml.Entry::ok).map(FlameXml.Entry::genome).findFirst().orElse(null);
            double ss = first == null ? 1 : WIDTH / first.camera().width();
            boolean flam3Rendered = false;
            Path out = work.resolve("f" + fileNo);
            for (int i = 0; i < used && i < entries.size(); i++) {
                t.total++;
                FlameXml.Entry e = entries.get(i);
                if (!e.ok()) {
                    t.failures.add(e.error().getMessage());
                    continue;
                }
                Genome g = e.genome();
                int w = Math.max(1, (int) (g.camera().width() * ss)), h = Math.max(1, (int) (g.camera().height() * ss));
                Image bloom;
                try {
                    RenderSpec spec = new RenderSpec(w, h, QUALITY, g.sampling().oversample(), 7, 2);
                    bloom = new CpuRenderer().render(CompiledGenome.compile(g), spec, Renderer.Progress.NONE);
                } catch (RuntimeException ex) {
                    t.failures.add(file + " genome " + i + ": " + ex);
                    continue;
                }
                t.rendered++;
                if (!flam3 || !flam3Reads(g)) {
                    continue;
                }
                if (!flam3Rendered) {
                    Files.createDirectories(out);
                    Path copy = out.resolve("flam3-input.flame");
                    Files.writeString(copy, forFlam3(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                    Flam3Tool.renderAll(copy, out, "a", ss, 1, "bloom-walk-1");
                    Flam3Tool.renderAll(copy, out, "b", ss, 1, "bloom-walk-2");
                    flam3Rendered = true;
                }
                Path a = out.resolve(String.format(Locale.ROOT, "a%05d.png", i)), b = out.resolve(String.format(Locale.ROOT, "b%05d.png", i));
                if (!Files.isRegularFile(a) || !Files.isRegularFile(b)) {
                    t.unread.add(file.getFileName() + " genome " + i);
                    continue;
                }
                Image fa = TestImages.png(a), fb = TestImages.png(b);
                if (fa.width() != w || fa.height() != h) {
                    t.unread.add(file.getFileName() + " genome " + i + " (flam3 drew " + fa.width() + "x" + fa.height()
                            + ", Bloom " + w + "x" + h + ")");
                    continue;
                }
                double score = Similarity.ssim(bloom, fa, 2), floor = Similarity.ssim(fa, fb, 2);
                if (floor < NOISE) {
                    t.noise.add(String.format(Locale.ROOT, "%s genome %d: flam3 seed to seed %.3f, Bloom %.3f",
                            file.getFileName(), i, floor, score));
                    continue;
                }
                t.compared++;
                t.ssim += score;
                t.floor += floor;
                if (score < floor - 0.02) {
                    t.far.add(String.format(Locale.ROOT, "%s genome %d: SSIM %.3f, floor %.3f", file.getFileName(), i, score, floor));
                }
            }
        }
        int total = 0, rendered = 0;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%n%-12s %10s %9s %12s %12s%n", "dialect", "rendered", "vs flam3", "SSIM flam3", "flam3 floor"));
        for (Map.Entry<String, Tally> e : table.entrySet()) {
            Tally t = e.getValue();
            total += t.total;
            rendered += t.rendered;
            report.append(String.format(Locale.ROOT, "%-12s %4d / %-3d %9d %12s %12s%n", e.getKey(), t.rendered, t.total, t.compared,
                    t.compared == 0 ? "-" : String.format(Locale.ROOT, "%.3f", t.ssim / t.compared),
                    t.compared == 0 ? "-" : String.format(Locale.ROOT, "%.3f", t.floor / t.compared)));
        }
        report.append(String.format(Locale.ROOT, "%-12s %4d / %-3d%n", "all", rendered, total));
        table.values().forEach(t -> t.failures.forEach(f -> report.append("  not rendered: ").append(f).append('\n')));
        table.values().forEach(t -> t.unread.forEach(f -> report.append("  flam3-render refuses: ").append(f).append('\n')));
        table.values().forEach(t -> t.noise.forEach(f -> report.append("  noise in flam3: ").append(f).append('\n')));
        table.values().forEach(t -> t.far.forEach(f -> report.append("  far from flam3: ").append(f).append('\n')));
        System.out.println(report);
        assertTrue(rendered >= MIN_RENDERED, rendered + " of " + total + " render, fewer than " + MIN_RENDERED + report);
        Assumptions.assumeTrue(flam3, "flam3-render is not installed (Debian packages flam3-utils, flam3-palette) and could not be: "
                + Flam3Tool.installLog() + "; the rendered share was checked, the comparison with flam3 was not");
        for (Map.Entry<String, Tally> e : table.entrySet()) {
            Tally t = e.getValue();
            if (t.compared > 0) {
                assertTrue(t.ssim / t.compared >= t.floor / t.compared - 0.02, e.getKey() + ": mean SSIM against flam3 "
                        + t.ssim / t.compared + ", flam3's floor " + t.floor / t.compared + report);
            }
        }
    }

    /**
     * The file as flam3-render is given it: every genome at quality {@link #QUALITY}, as Bloom
     * renders it (flam3's default quality is 1, Bloom's 100), and a file of several top-level
     * {@code <flame>} elements inside one root, which flam3-render needs and Bloom does without.
     */
    static String forFlam3(String text) {
        Matcher m = Pattern.compile("<flame(?=[\\s>/])[^>]*>").matcher(text);
        StringBuilder sb = new StringBuilder();
        int flames = 0;
        while (m.find()) {
            flames++;
            String tag = m.group();
            String q = "quality=\"" + QUALITY + "\"";
            tag = tag.matches("(?s).*\\squality=\"[^\"]*\".*") ? tag.replaceFirst("(\\s)quality=\"[^\"]*\"", "$1" + q)
                    : tag.replaceFirst("^<flame", "<flame " + q);
            m.appendReplacement(sb, Matcher.quoteReplacement(tag));
        }
        m.appendTail(sb);
        String out = sb.toString();
        String body = out.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "").replaceAll("(?s)<!--.*?-->", "").strip();
        if (flames > 1 && body.startsWith("<flame") && !body.startsWith("<flames")) {
            String decl = out.startsWith("<?xml") ? out.substring(0, out.indexOf("?>") + 2) : "";
            out = decl + "<flames>" + out.substring(decl.length()) + "\n</flames>\n";
        }
        return out;
    }

    /** Whether flam3 knows every variation of the genome. */
    static boolean flam3Reads(Genome g) {
        List<Xform> all = new ArrayList<>(g.xforms());
        g.finalXform().ifPresent(all::add);
        for (Xform x : all) {
            for (VariationTerm t : x.variations()) {
                if (t.variation().id() >= FLAM3_VARIATIONS) {
                    return false;
                }
            }
        }
        return true;
    }
}

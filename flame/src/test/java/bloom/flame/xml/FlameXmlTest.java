package bloom.flame.xml;

import bloom.flame.TestImages;
import bloom.flame.genome.Genome;
import bloom.flame.genome.VariationTerm;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameXmlTest {

    private static List<Genome> parse(String xml) {
        return FlameXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.flame");
    }

    private static final String PALETTE = "<palette count=\"2\" format=\"RGB\">FF0000 0000FF</palette>";

    @Test
    void writeThenReadGivesTheSameGenome() throws IOException {
        Genome g = TestImages.genome("/golden/rotated-final.flame");
        StringWriter w = new StringWriter();
        FlameXml.write(List.of(g, g.withName("second")), w);
        List<Genome> back = parse(w.toString());
        assertEquals(2, back.size());
        assertEquals(g.xforms(), back.get(0).xforms());
        assertEquals(g.finalXform(), back.get(0).finalXform());
        assertEquals(g.camera(), back.get(0).camera());
        assertEquals(g.sampling(), back.get(0).sampling());
        assertEquals(g.tone(), back.get(0).tone());
        assertEquals(g.palette(), back.get(0).palette());
        assertEquals("second", back.get(1).name());
    }

    @Test
    void legacySymmetryAndColourEntriesAreRead() {
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            colours.append("<color index=\"").append(i).append("\" rgb=\"").append(i).append(" 0 0\"/>");
        }
        Genome g = parse("<flame size=\"10 10\"><xform weight=\"1\" symmetry=\"0.5\" julia=\"1\" coefs=\"1 0 0 1 0 0\"/>"
                + colours + "</flame>").get(0);
        assertEquals(0.25, g.xforms().get(0).colourSpeed(), 1e-12);
        assertEquals(128 / 255.0, g.palette().red(128), 1e-6);
    }

    @Test
    void shortPalettesAreResampledTo256Colours() {
        Genome g = parse("<flame><xform weight=\"1\" linear=\"1\"/>" + PALETTE + "</flame>").get(0);
        assertEquals(1f, g.palette().red(0));
        assertEquals(1f, g.palette().blue(255));
    }

    /** Electric Sheep files hold several top-level flames with no root around them; flam3 reads them, so does Bloom. */
    @Test
    void severalTopLevelFlamesAreReadWithTheirOwnLineNumbers() {
        String one = "<flame name=\"a\">\n<xform weight=\"1\" linear=\"1\"/>" + PALETTE + "\n</flame>\n";
        List<Genome> both = parse("<?xml version=\"1.0\"?>\n" + one + one.replace("\"a\"", "\"b\""));
        assertEquals(2, both.size());
        assertEquals("a", both.get(0).name());
        assertEquals("b", both.get(1).name());
        FlameFormatException e = assertThrows(FlameFormatException.class,
                () -> parse(one + "<flame name=\"c\">\n<xform weight=\"heavy\" linear=\"1\"/>" + PALETTE + "</flame>"));
        assertEquals(5, e.line(), e.getMessage());
        e = assertThrows(FlameFormatException.class, () -> parse(one + "<flame>\n<xform weight=\"1\">\n</flame>"));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
    }

    /** Fractorium spells flam3's mobius and its parameters with capitals. */
    @Test
    void variationsWrittenInAnotherCaseTakeTheRegisteredSpelling() {
        Genome g = parse("<flame><xform weight=\"1\" Mobius=\"0.7\" Mobius_Re_A=\"0.5\" Mobius_Im_C=\"-1\"/>" + PALETTE + "</flame>").get(0);
        VariationTerm t = g.xforms().get(0).variations().get(0);
        assertEquals("mobius", t.variation().name());
        assertEquals(0.7, t.weight(), 1e-12);
        java.util.List<String> names = t.variation().parameters().stream().map(bloom.flame.variation.Parameter::name).toList();
        assertEquals(0.5, t.parameters()[names.indexOf("mobius_re_a")], 1e-12);
        assertEquals(-1, t.parameters()[names.indexOf("mobius_im_c")], 1e-12);
        assertEquals(1, t.parameters()[names.indexOf("mobius_re_d")], 1e-12, "a parameter not given keeps its default");
        FlameFormatException e = assertThrows(FlameFormatException.class,
                () -> parse("<flame><xform weight=\"1\" Mobiuz=\"1\"/>" + PALETTE + "</flame>"));
        assertTrue(e.getMessage().contains("'Mobiuz'"), e.getMessage());
    }

    @Test
    void malformedXmlNamesTheLine() {
        FlameFormatException e = assertThrows(FlameFormatException.class,
                () -> parse("<flames>\n<flame>\n<xform weight=\"1\" linear=\"1\">\n</flame>"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("test.flame:4: malformed XML"), e.getMessage());
    }

    @Test
    void everyMissingVariationOfAGenomeIsNamedInOneLineWithTheGenome() {
        FlameFormatException e = assertThrows(FlameFormatException.class, () -> parse(
                "<flames>\n<flame name=\"sheep\">\n<xform weight=\"1\" linear=\"1\" spirograph=\"0.5\" hypertile3D=\"1\" hypertile3D_p=\"5\"/>\n"
                        + "<xform weight=\"1\" spirograph=\"1\" nonesuch=\"1\"/>\n" + PALETTE + "</flame></flames>"));
        assertEquals(3, e.line(), "the line of the first xform that uses one");
        String m = e.getMessage();
        assertTrue(m.startsWith("test.flame:3: genome 0 'sheep': uses 3 variations Bloom does not have: "
                + "spirograph (xform 1, xform 2), hypertile3D (xform 1), nonesuch (xform 2)"), m);
        assertTrue(!m.contains("hypertile3D_p"), "parameters of unknown variations are not listed: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    @Test
    void aLongListOfMissingVariationsIsCapped() {
        StringBuilder xml = new StringBuilder("<flame>");
        for (int i = 0; i < 60; i++) {
            xml.append("<xform weight=\"1\" made_up_variation_number_").append(i).append("=\"1\"/>");
        }
        String m = assertThrows(FlameFormatException.class, () -> parse(xml + PALETTE + "</flame>")).getMessage();
        assertTrue(m.length() < 500, m.length() + " characters: " + m);
        assertTrue(m.contains("uses 60 variations") && m.matches(".* and \\d+ more; .*"), m);
    }

    @Test
    void aBadGenomeDoesNotSpoilItsNeighbours() {
        String xml = "<flames>\n<flame name=\"good\"><xform weight=\"1\" linear=\"1\"/>" + PALETTE + "</flame>\n"
                + "<flame name=\"bad\"><xform weight=\"1\" nonesuch=\"1\"><post/></xform>" + PALETTE + "</flame>\n"
                + "<flame name=\"also-good\"><xform weight=\"1\" spherical=\"1\"/>" + PALETTE + "</flame>\n</flames>";
        List<FlameXml.Entry> es = FlameXml.parseEntries(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "three.flame");
        assertEquals(3, es.size());
        assertTrue(es.get(0).ok() && es.get(2).ok(), "the neighbours of a bad genome are read");
        assertEquals("spherical", es.get(2).genome().xforms().get(0).variations().get(0).variation().name());
        assertTrue(!es.get(1).ok());
        assertEquals("three.flame:3: genome 1 'bad': uses 1 variation Bloom does not have: nonesuch (xform 1); "
                + "nearest registered names to 'nonesuch':", es.get(1).error().getMessage().replaceAll("(.*:).*", "$1"));
        FlameFormatException whole = assertThrows(FlameFormatException.class, () -> parse(xml));
        assertTrue(whole.getMessage().contains("genome 1 'bad'"), "reading all of them names the bad one: " + whole.getMessage());
    }

    @Test
    void jwildfireMetadataIsReadAndReportedOnce() {
        List<FlameXml.Entry> es = FlameXml.parseEntries(new ByteArrayInputStream(("<flame>"
                + "<xform weight=\"1\" linear=\"1\" material=\"0.0\" mod_gamma=\"0.0\" mod_hue=\"0.25\" color_type=\"DIFFUSION\""
                + " linear_fx_priority=\"0\" xyCoeff00Curve_x0=\"0\" linear_view_xmin=\"-1\"/>"
                + "<xform weight=\"1\" linear=\"1\" material=\"0.0\" color_type=\"DISTANCE\"/>" + PALETTE + "</flame>")
                .getBytes(StandardCharsets.UTF_8)), "jwf.flame");
        FlameXml.Entry e = es.get(0);
        assertTrue(e.ok(), () -> e.error().getMessage());
        assertEquals(2, e.warnings().size(), e.warnings().toString());
        assertEquals("ignored JWildfire xform metadata that Bloom's render does not use: *_fx_priority, color_type, "
                + "material, mod_*, motion curves", e.warnings().get(0));
        assertTrue(e.warnings().get(1).contains("mod_hue=0.25") && e.warnings().get(1).contains("color_type=DISTANCE"), e.warnings().get(1));
    }

    @Test
    void preAndPostFormsOfAnyVariationAreRead() {
        Genome g = parse("<flame><xform weight=\"1\" pre_falloff2=\"1\" pre_falloff2_mindist=\"0.25\" spherical=\"1\""
                + " post_Curl=\"0.5\" post_curl_c1=\"0.3\"/><xform weight=\"1\" post_sineblur=\"1\"/>" + PALETTE + "</flame>").get(0);
        List<String> names = g.xforms().get(0).variations().stream().map(t -> t.variation().name()).toList();
        assertEquals(List.of("pre_falloff2", "spherical", "post_curl"), names);
        VariationTerm pre = g.xforms().get(0).variations().get(0);
        assertEquals("falloff2", pre.variation().base().orElseThrow().name());
        assertEquals(0.25, pre.parameters()[1], 1e-12);
        assertEquals(List.of("post_sineblur", "linear"), g.xforms().get(1).variations().stream().map(t -> t.variation().name()).toList(),
                "an xform of only pre_/post_ forms passes its point through, as in Ember");
    }

    @Test
    void symmetryAddsFlam3sRotationsAndMirror() {
        Genome three = parse("<flame><xform weight=\"1\" linear=\"1\"/><symmetry kind=\"3\"/>" + PALETTE + "</flame>").get(0);
        assertEquals(3, three.xforms().size(), "the xform and 2 rotations");
        Genome dihedral = parse("<flame><xform weight=\"1\" linear=\"1\"/><symmetry kind=\"-4\"/>" + PALETTE + "</flame>").get(0);
        assertEquals(5, dihedral.xforms().size(), "the xform, a mirror and 3 rotations");
        bloom.flame.genome.Xform mirror = dihedral.xforms().get(1);
        assertEquals(-1, mirror.pre().toArray()[0], 0);
        assertEquals(1, mirror.pre().toArray()[3], 0);
        assertEquals(0, mirror.colourSpeed(), 0, "symmetry copies keep the colour of the points they map");
        double[] quarter = dihedral.xforms().get(2).pre().toArray();
        assertEquals(0, quarter[0], 1e-12);
        assertEquals(1, Math.abs(quarter[1]), 1e-12, "the first rotation turns by 90 degrees");
        assertEquals(1, parse("<flame><xform weight=\"1\" linear=\"1\"/><symmetry kind=\"1\"/>" + PALETTE + "</flame>")
                .get(0).xforms().size(), "kind 1 adds nothing");
    }

    @Test
    void flam3sBuiltInPalettesAreReadFromItsPaletteFileOrRefusedInOneLine() {
        String xml = "<flame palette=\"15\"><xform weight=\"1\" linear=\"1\"/></flame>";
        if (java.nio.file.Files.isRegularFile(Flam3Palettes.file())) {
            Genome g = parse(xml).get(0);
            assertTrue(g.palette() != null);
            FlameFormatException e = assertThrows(FlameFormatException.class,
                    () -> parse("<flame palette=\"99999\"><xform weight=\"1\" linear=\"1\"/></flame>"));
            assertTrue(e.getMessage().contains("not 99999"), e.getMessage());
        } else {
            FlameFormatException e = assertThrows(FlameFormatException.class, () -> parse(xml));
            assertTrue(e.getMessage().contains("flam3-palette"), e.getMessage());
        }
    }

    @Test
    void badNumbersAreNamed() {
        FlameFormatException e = assertThrows(FlameFormatException.class,
                () -> parse("<flame>\n<xform weight=\"heavy\" linear=\"1\"/>" + PALETTE + "</flame>"));
        assertTrue(e.getMessage().contains("attribute 'weight' of <xform 1>: expected a finite number, found 'heavy'"), e.getMessage());
        e = assertThrows(FlameFormatException.class,
                () -> parse("<flame>\n<xform weight=\"1\" linear=\"1\" coefs=\"1 0 0\"/>" + PALETTE + "</flame>"));
        assertTrue(e.getMessage().contains("'coefs'"), e.getMessage());
        e = assertThrows(FlameFormatException.class, () -> parse("<flame size=\"0 10\"><xform linear=\"1\"/>" + PALETTE + "</flame>"));
        assertTrue(e.getMessage().contains("'size'"), e.getMessage());
    }

    @Test
    void missingPartsAreNamed() {
        assertTrue(assertThrows(FlameFormatException.class, () -> parse("<flames/>")).getMessage().contains("no <flame>"));
        assertTrue(assertThrows(FlameFormatException.class, () -> parse("<flame>" + PALETTE + "</flame>"))
                .getMessage().contains("no <xform>"));
        assertTrue(assertThrows(FlameFormatException.class, () -> parse("<flame><xform linear=\"1\"/></flame>"))
                .getMessage().contains("no <palette>"));
        FlameFormatException e = assertThrows(FlameFormatException.class, () -> FlameXml.read(Path.of("no-such.flame")));
        assertTrue(e.getMessage().equals("no-such.flame: file not found"), e.getMessage());
    }

    /**
     * The eleven flames of the 2019 Bloom project (Ember dialect, ../shared/reference): each either
     * loads, or fails with one error that names the file, the line and the variations Bloom lacks.
     */
    @TestFactory
    Stream<DynamicTest> reference2019FlamesLoadOrNameWhatIsMissing() throws IOException {
        Path dir = Path.of("../../shared/reference/bloom-2019-flames");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../shared/reference/bloom-2019-flames");
        }
        String missing = "the shared reference flames are not beside the checkout (../shared/reference)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isDirectory(dir), missing + "; CI=true: that fails the build");
        } else {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), missing);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".flame")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                        try {
                            List<Genome> gs = FlameXml.read(p);
                            assertTrue(!gs.isEmpty());
                        } catch (FlameFormatException e) {
                            assertTrue(e.getMessage().startsWith(p + ":") && e.line() > 0, e.getMessage());
                            assertTrue(e.getMessage().contains("Bloom does not have"), e.getMessage());
                        }
                    }));
        }
    }
}

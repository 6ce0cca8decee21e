package bloom.flame.genome;

import bloom.flame.TestImages;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpolationTest {

    private static final Genome A = TestImages.genome("/golden/julia-swirl.flame");
    private static final Genome B = TestImages.genome("/golden/rotated-final.flame");

    private static void assertAffine(Affine expected, Affine actual) {
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(e[i], a[i], 1e-9, "coefficient " + i);
        }
    }

    @Test
    void endsAreTheKeyframes() {
        Genome at0 = Interpolation.between(A, B, 0);
        Genome at1 = Interpolation.between(A, B, 1);
        for (int i = 0; i < A.xforms().size(); i++) {
            assertAffine(A.xforms().get(i).pre(), at0.xforms().get(i).pre());
            assertAffine(B.xforms().get(i).pre(), at1.xforms().get(i).pre());
            assertEquals(A.xforms().get(i).weight(), at0.xforms().get(i).weight(), 1e-12);
        }
        assertEquals(A.camera().scale(), at0.camera().scale(), 1e-9);
        assertEquals(B.camera().rotate(), at1.camera().rotate(), 1e-9);
        assertTrue(at0.finalXform().isPresent(), "a final xform on one side is blended in from an identity");
    }

    /** Log-polar: halfway between a map and the same map turned by 90 degrees is the map turned by 45. */
    @Test
    void rotationsTurnRatherThanShrink() {
        Affine a = new Affine(2, 0, 0, 2, 0, 0);
        Affine b = new Affine(0, 2, -2, 0, 1, 0);
        Affine mid = Interpolation.affine(a, b, 0.5);
        double r = Math.sqrt(2);
        assertAffine(new Affine(r, r, -r, r, 0.5, 0), mid);
    }

    @Test
    void palettesBlendThroughHsv() {
        float[] red = new float[Palette.SIZE * 3];
        float[] blue = new float[Palette.SIZE * 3];
        for (int i = 0; i < Palette.SIZE; i++) {
            red[3 * i] = 1;
            blue[3 * i + 2] = 1;
        }
        Palette mid = Interpolation.palette(Palette.of(red), Palette.of(blue), 0.5);
        // red (hue 0) to blue (hue 2/3) the short way round passes magenta (hue 5/6), not green
        assertEquals(1f, mid.red(7), 0.01);
        assertEquals(0f, mid.green(7), 0.01);
        assertEquals(1f, mid.blue(7), 0.01);
    }

    @Test
    void aLoopTurnsTheAnimatedXformsOnceAround() {
        Genome start = Interpolation.rotated(A, 0);
        Genome full = Interpolation.rotated(A, 1);
        Genome half = Interpolation.rotated(A, 0.5);
        for (int i = 0; i < A.xforms().size(); i++) {
            assertAffine(A.xforms().get(i).pre(), start.xforms().get(i).pre());
            assertAffine(A.xforms().get(i).pre(), full.xforms().get(i).pre());
            Affine h = half.xforms().get(i).pre();
            assertEquals(-A.xforms().get(i).pre().xx(), h.xx(), 1e-9, "half a turn negates the axis images");
        }
    }
}

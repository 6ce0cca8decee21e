package bloom.film;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GenomesTest {

    @Test
    void eachGenomeOfAFileIsNumberedByItsIndexAsWideAsTheLargest() {
        Path out = Path.of("d", "still.png");
        assertEquals(Path.of("d", "still-0.png"), Genomes.numbered(out, 0, 1));
        assertEquals(Path.of("d", "still-9.png"), Genomes.numbered(out, 9, 10));
        assertEquals(Path.of("d", "still-07.png"), Genomes.numbered(out, 7, 12));
        assertEquals(Path.of("d", "still-011.png"), Genomes.numbered(out, 11, 101));
        assertEquals(Path.of("frame-3"), Genomes.numbered(Path.of("frame"), 3, 4));
        assertEquals(Path.of("d", ".hidden-2"), Genomes.numbered(Path.of("d", ".hidden"), 2, 3));
        assertEquals(Path.of("d.x", "s.tmp-1.png"), Genomes.numbered(Path.of("d.x", "s.tmp.png"), 1, 2));
    }

    @Test
    void aStemIsTheNameWithoutItsLastExtension() {
        assertEquals("kindling", Genomes.stem("kindling.flame"));
        assertEquals("pack.v2", Genomes.stem("pack.v2.flam3"));
        assertEquals("star", Genomes.stem("star"));
        assertEquals(".hidden", Genomes.stem(".hidden"));
    }
}

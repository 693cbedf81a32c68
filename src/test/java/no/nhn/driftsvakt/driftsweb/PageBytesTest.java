package no.nhn.driftsvakt.driftsweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PageBytesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void partsReplaceTheirMarkersAnywhereInTheSkeleton() {
        PageBytes b = new PageBytes();
        List<byte[]> parts = List.of(utf8("<li>Ærlig først</li>"), utf8(""), utf8("<li>😀 siste</li>"));
        String skeleton = b.marker(0) + "<ul>" + b.marker(2) + "æøå" + b.marker(1) + b.marker(0) + "</ul>" + b.marker(2);
        assertArrayEquals(utf8("<li>Ærlig først</li><ul><li>😀 siste</li>æøå<li>Ærlig først</li></ul><li>😀 siste</li>"),
                b.assemble(skeleton, parts));
    }

    @Test
    void aSkeletonWithoutMarkersIsEncodedAsItIs() {
        PageBytes b = new PageBytes();
        assertArrayEquals(utf8("Tjenesten fungerer igjen – ø"), b.assemble("Tjenesten fungerer igjen – ø", List.of()));
        assertArrayEquals(new byte[0], b.assemble("", List.of(utf8("unused"))));
    }

    @Test
    void theSameAsEncodingTheWholePage() {
        PageBytes b = new PageBytes();
        Random r = new Random(17);
        String alphabet = "abc<>&\"' æøåÆØÅ–😀\u0001:0123456789";
        for (int round = 0; round < 200; round++) {
            List<byte[]> parts = new ArrayList<>();
            StringBuilder skeleton = new StringBuilder();
            StringBuilder whole = new StringBuilder();
            for (int i = 0; i < r.nextInt(30); i++) {
                String text = random(r, alphabet);
                String part = random(r, alphabet);
                skeleton.append(text).append(b.marker(parts.size()));
                whole.append(text).append(part);
                parts.add(utf8(part));
            }
            String tail = random(r, alphabet);
            skeleton.append(tail);
            whole.append(tail);
            assertArrayEquals(utf8(whole.toString()), b.assemble(skeleton.toString(), parts));
        }
    }

    @Test
    void textLookingLikeAnotherInstancesMarkerIsLeftAlone() {
        PageBytes mine = new PageBytes();
        PageBytes other = new PageBytes();
        assertNotEquals(mine.marker(0), other.marker(0));
        String text = "name " + other.marker(0) + " \u0001:0\u0001";
        assertArrayEquals(utf8(text), mine.assemble(text, List.of(utf8("x"))));
    }

    @Test
    void aMarkerForAPartThatIsNotThereIsAnError() {
        PageBytes b = new PageBytes();
        assertThrows(IllegalArgumentException.class, () -> b.assemble("x" + b.marker(1), List.of(utf8("only 0"))));
    }

    private static String random(Random r, String alphabet) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                s.append(alphabet, at, at + 2);
            } else if (Character.isLowSurrogate(alphabet.charAt(at))) {
                s.append(alphabet, at - 1, at + 1);
            } else {
                s.append(alphabet.charAt(at));
            }
        }
        return s.toString();
    }
}

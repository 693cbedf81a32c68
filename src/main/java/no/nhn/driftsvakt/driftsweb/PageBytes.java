package no.nhn.driftsvakt.driftsweb;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Assembles a page's UTF-8 bytes from a rendered skeleton and parts already encoded. The skeleton carries a
 * marker where each part goes ({@link #marker(int)}); only the skeleton is encoded on each render, the parts
 * (driftsweb's component rows, most of the front page) are encoded once, when they change. Encoding the whole
 * page on every rebuild was a third of driftsweb's rebuild cost while statuses change every second
 * (bench/pipeline, JFR).
 *
 * <p>A marker is a control character, a random token drawn per instance and the part's number, so text from the
 * catalog or staff (escaped HTML, which may hold anything but these 16 random hex digits after a U+0001) cannot
 * pass for one.
 */
final class PageBytes {

    private final String mark = "\u0001" + HexFormat.of().formatHex(randomBytes()) + ":";

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The placeholder for part {@code index}: insert it, unescaped, where the part goes. */
    String marker(int index) {
        return mark + index + "\u0001";
    }

    /** A place to cut a rendered part in two (never a marker of a part). */
    String cut() {
        return mark + "cut\u0001";
    }

    /**
     * The skeleton's bytes with each marker replaced by its part.
     *
     * @throws IllegalArgumentException when a marker names a part that is not there
     */
    byte[] assemble(String skeleton, List<byte[]> parts) {
        List<byte[]> pieces = new ArrayList<>(2 * parts.size() + 1);
        int size = 0;
        int from = 0;
        for (int at = skeleton.indexOf(mark); at >= 0; at = skeleton.indexOf(mark, from)) {
            int end = skeleton.indexOf('\u0001', at + mark.length());
            if (end < 0) {
                throw new IllegalArgumentException("unterminated part marker at " + at);
            }
            int index = Integer.parseInt(skeleton, at + mark.length(), end, 10);
            if (index < 0 || index >= parts.size()) {
                throw new IllegalArgumentException("no part " + index + " (" + parts.size() + " given)");
            }
            byte[] text = skeleton.substring(from, at).getBytes(StandardCharsets.UTF_8);
            pieces.add(text);
            pieces.add(parts.get(index));
            size += text.length + parts.get(index).length;
            from = end + 1;
        }
        byte[] tail = skeleton.substring(from).getBytes(StandardCharsets.UTF_8);
        pieces.add(tail);
        size += tail.length;
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

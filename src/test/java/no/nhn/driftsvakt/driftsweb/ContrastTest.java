package no.nhn.driftsvakt.driftsweb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 AA contrast (4.5:1 for text) of the colour pairs driftsweb's stylesheet uses for text, read from the
 * stylesheet itself, so a colour change that makes text unreadable fails here.
 */
class ContrastTest {

    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void everyTextColourPairMeetsAa() throws IOException {
        String css;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/css/driftsweb.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = Pattern.compile("--([a-z]+):(#[0-9a-fA-F]{6})").matcher(css);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        String page = "#f5f6f7";
        String white = "#ffffff";
        Map<String, String[]> pairs = new LinkedHashMap<>();
        // white status text on pills and banners, "?" pill on muted, header and footer
        for (String v : new String[] {"ok", "warn", "bad", "maint", "muted"}) {
            pairs.put("white on --" + v, new String[] {white, vars.get(v)});
        }
        pairs.put("white on header", new String[] {white, "#003c50"});
        pairs.put("text on page", new String[] {vars.get("fg"), page});
        pairs.put("muted text on cards", new String[] {vars.get("muted"), white});
        pairs.put("muted text on page", new String[] {vars.get("muted"), page});
        pairs.put("affected (warn) text on cards", new String[] {vars.get("warn"), white});
        pairs.put("problem (bad) text on cards", new String[] {vars.get("bad"), white});
        pairs.put("links", new String[] {"#00546f", white});
        for (Map.Entry<String, String[]> p : pairs.entrySet()) {
            double ratio = contrast(p.getValue()[0], p.getValue()[1]);
            assertTrue(ratio >= 4.5, p.getKey() + ": " + String.format("%.2f", ratio) + ":1 is below 4.5:1");
        }
    }
}

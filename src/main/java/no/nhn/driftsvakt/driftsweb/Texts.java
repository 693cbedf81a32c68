package no.nhn.driftsvakt.driftsweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Driftsweb's fixed texts per language, from {@code driftsweb/texts_nb.properties} and
 * {@code driftsweb/texts_en.properties} (UTF-8). Every key must exist in both; a missing one fails at start.
 */
public final class Texts {

    private static final Map<Lang, Map<String, String>> TEXTS = load();

    private Texts() {
    }

    public static Map<String, String> of(Lang lang) {
        return TEXTS.get(lang);
    }

    private static Map<Lang, Map<String, String>> load() {
        Map<Lang, Map<String, String>> all = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            String path = "driftsweb/texts_" + l.code() + ".properties";
            try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + path);
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> m = new TreeMap<>();
                p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
                all.put(l, Map.copyOf(m));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        if (!all.get(Lang.NB).keySet().equals(all.get(Lang.EN).keySet())) {
            throw new IllegalStateException("driftsweb texts: nb and en have different keys");
        }
        return all;
    }
}

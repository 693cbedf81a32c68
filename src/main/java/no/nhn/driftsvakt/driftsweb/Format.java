package no.nhn.driftsvakt.driftsweb;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;
import no.nhn.driftsvakt.status.ComponentStatus;

/** Template helpers for driftsweb: times in Europe/Oslo, and status texts in the page's language. */
@TemplateExtension(namespace = "fmt")
public final class Format {

    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(OSLO);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(OSLO);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(OSLO);

    private Format() {
    }

    static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }

    static String minute(Instant t) {
        return t == null ? "–" : DAY.format(t);
    }

    static String clock(Instant t) {
        return t == null ? "–" : CLOCK.format(t);
    }

    static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    static String status(ComponentStatus s, Lang lang) {
        return s == null ? lang.pick("Ukjent", "Unknown") : lang.pick(s.nb(), s.en());
    }

    static String pick(Lang lang, String nb, String en) {
        return lang.pick(nb, en);
    }
}

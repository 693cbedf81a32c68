package no.nhn.driftsvakt.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as console pages show them: Norwegian local time. Pure. */
final class ConsoleTimes {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(OSLO);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(OSLO);

    private ConsoleTimes() {
    }

    /** {@code 2026-11-27 09:00} (Oslo), or empty for no time. */
    static String shown(Instant t) {
        return t == null ? "" : SHOWN.format(t);
    }

    /** {@code 2026-11-27 09:00:05} (Oslo), or empty for no time. */
    static String seconds(Instant t) {
        return t == null ? "" : SECONDS.format(t);
    }
}

package no.nhn.driftsvakt.driftsweb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import no.nhn.driftsvakt.maintenance.Maintenance;

/**
 * Writes planned maintenance as an iCalendar feed (RFC 5545): one VEVENT per window, cancelled ones with
 * {@code STATUS:CANCELLED} so calendars that subscribed remove them. Lines end in CRLF and are folded at 75
 * octets; text is escaped.
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    public static String write(SiteModel.Snapshot s, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        StringBuilder b = new StringBuilder(2048);
        line(b, "BEGIN:VCALENDAR");
        line(b, "VERSION:2.0");
        line(b, "PRODID:-//Norsk Helsenett//Driftsvakt//NB");
        line(b, "CALSCALE:GREGORIAN");
        line(b, "METHOD:PUBLISH");
        line(b, "X-WR-CALNAME:" + text("Planlagt vedlikehold – Norsk Helsenett"));
        line(b, "X-WR-TIMEZONE:Europe/Oslo");
        for (Maintenance m : s.maintenance()) {
            line(b, "BEGIN:VEVENT");
            line(b, "UID:" + m.id() + "@driftsvakt.nhn.no");
            line(b, "DTSTAMP:" + UTC.format(m.cancelledAt() != null ? m.cancelledAt() : m.createdAt()));
            line(b, "DTSTART:" + UTC.format(m.startsAt()));
            line(b, "DTEND:" + UTC.format(m.endsAt()));
            line(b, "SUMMARY:" + text(m.title()));
            line(b, "DESCRIPTION:" + text(m.description() + "\n\n" + s.componentNames(m)));
            line(b, "CATEGORIES:" + text("Vedlikehold"));
            line(b, "URL:" + base + "/");
            line(b, "STATUS:" + (m.cancelledAt() != null ? "CANCELLED" : "CONFIRMED"));
            line(b, "TRANSP:TRANSPARENT");
            line(b, "END:VEVENT");
        }
        line(b, "END:VCALENDAR");
        return b.toString();
    }

    /** Escapes a TEXT value (RFC 5545 3.3.11). */
    static String text(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> { }
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Appends a content line folded at 75 octets (never inside a UTF-8 sequence), ending in CRLF. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + n > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    static String utc(Instant t) {
        return UTC.format(t);
    }
}

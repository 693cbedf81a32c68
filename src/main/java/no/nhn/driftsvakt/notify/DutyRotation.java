package no.nhn.driftsvakt.notify;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly Incident Manager rotation's calendar: a week starts at the handover (by default Monday 08:00
 * Europe/Oslo, local time, so DST weeks are an hour shorter or longer) and runs to the next one. A week is named by
 * the date of its handover. Pure: the instant is a parameter.
 */
public record DutyRotation(DayOfWeek day, LocalTime time, ZoneId zone) {

    public static final DutyRotation DEFAULT = new DutyRotation(DayOfWeek.MONDAY, LocalTime.of(8, 0), NotifyWindow.OSLO);

    /** Who holds the Incident Manager duty at an instant, and where that came from. */
    public record OnDuty(String subscriberId, LocalDate week, boolean fromRotation) {
    }

    /**
     * Parses {@code MONDAY 08:00} or {@code MONDAY 08:00 Europe/Oslo} (the zone defaults to Europe/Oslo).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static DutyRotation parse(String text) {
        String[] p = text == null ? new String[0] : text.trim().split("\\s+");
        if (p.length < 2 || p.length > 3) {
            throw new IllegalArgumentException("driftsvakt.duty.handover: '" + text + "' is not '<DAY> <HH:MM> [zone]', "
                    + "e.g. 'MONDAY 08:00' or 'MONDAY 08:00 Europe/Oslo'");
        }
        DayOfWeek day;
        try {
            day = DayOfWeek.valueOf(p[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("driftsvakt.duty.handover: '" + p[0] + "' is not a day such as MONDAY");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(p[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("driftsvakt.duty.handover: '" + p[1] + "' is not a time such as 08:00");
        }
        ZoneId zone;
        try {
            zone = p.length == 3 ? ZoneId.of(p[2]) : NotifyWindow.OSLO;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("driftsvakt.duty.handover: '" + p[2] + "' is not a time zone such as "
                    + "Europe/Oslo");
        }
        return new DutyRotation(day, time, zone);
    }

    /** The week (its handover date) that {@code t} falls in. */
    public LocalDate weekOf(Instant t) {
        LocalDate d = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        return start(d).isAfter(t) ? d.minusWeeks(1) : d;
    }

    /** When the week named {@code week} starts: its handover, in local time. */
    public Instant start(LocalDate week) {
        return ZonedDateTime.of(week, time, zone).toInstant();
    }

    /** When the week named {@code week} ends: the next handover. */
    public Instant end(LocalDate week) {
        return start(week.plusWeeks(1));
    }

    /** Whether {@code date} can name a week (it falls on the handover day). */
    public boolean isWeek(LocalDate date) {
        return date.getDayOfWeek() == day;
    }

    /** The week {@code t} falls in and the {@code count - 1} after it. */
    public List<LocalDate> weeksFrom(Instant t, int count) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate w = weekOf(t);
        for (int i = 0; i < count; i++) {
            out.add(w.plusWeeks(i));
        }
        return out;
    }

    /**
     * The Incident Manager at {@code t}: the one on the roster for that week, else the one set as the
     * {@code incident-manager} duty role ({@code fallback}), else nobody.
     *
     * @param roster week (handover date) → subscriber id
     */
    public Optional<OnDuty> incidentManagerAt(Instant t, Map<LocalDate, String> roster, Optional<String> fallback) {
        LocalDate week = weekOf(t);
        String rostered = roster.get(week);
        if (rostered != null) {
            return Optional.of(new OnDuty(rostered, week, true));
        }
        return fallback.map(f -> new OnDuty(f, week, false));
    }

    /** In bokmål for pages: {@code mandag 08:00 (Europe/Oslo)}. */
    public String describeNb() {
        return day.getDisplayName(java.time.format.TextStyle.FULL, Locale.forLanguageTag("nb")) + " " + time + " ("
                + zone.getId() + ")";
    }

    /** As configured: {@code MONDAY 08:00 Europe/Oslo}. */
    public String describe() {
        return day + " " + time + " " + zone.getId();
    }
}

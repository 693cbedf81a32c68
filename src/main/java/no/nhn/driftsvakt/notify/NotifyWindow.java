package no.nhn.driftsvakt.notify;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import no.nhn.driftsvakt.catalog.Agreement;
import no.nhn.driftsvakt.hours.NorwegianHolidays;

/**
 * When a recipient wants to be told: around the clock, or on working days between two times (Norwegian time).
 * Working days are Monday to Friday except Norwegian public holidays ({@link NorwegianHolidays}).
 */
public record NotifyWindow(String name, boolean always, LocalTime opens, LocalTime closes) {

    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    public static final NotifyWindow ALWAYS = new NotifyWindow("24/7", true, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    /** The customer centre's opening hours. */
    public static final NotifyWindow OPENING_HOURS = new NotifyWindow("opening-hours", false, LocalTime.of(8, 0),
            LocalTime.of(16, 0));
    /** Opening hours with extended support until 20:00. */
    public static final NotifyWindow EXTENDED_HOURS = new NotifyWindow("extended-hours", false, LocalTime.of(8, 0),
            LocalTime.of(20, 0));

    /** Standard agreement: opening hours; extended agreement (24/7 on-call): around the clock. */
    public static NotifyWindow defaultFor(Agreement agreement) {
        return agreement == Agreement.EXTENDED ? ALWAYS : OPENING_HOURS;
    }

    public static NotifyWindow parse(String s) {
        return switch (s) {
            case "24/7" -> ALWAYS;
            case "opening-hours" -> OPENING_HOURS;
            case "extended-hours" -> EXTENDED_HOURS;
            default -> throw new IllegalArgumentException("unknown notify window '" + s
                    + "'; use 24/7, opening-hours or extended-hours");
        };
    }

    public boolean isOpen(Instant t) {
        if (always) {
            return true;
        }
        ZonedDateTime z = t.atZone(OSLO);
        LocalTime time = z.toLocalTime();
        return workday(z.toLocalDate()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /** {@code t} itself when open, else the next time the window opens. */
    public Instant nextOpening(Instant t) {
        if (isOpen(t)) {
            return t;
        }
        ZonedDateTime z = t.atZone(OSLO);
        ZonedDateTime candidate = z.toLocalTime().isBefore(opens) ? z.with(opens) : z.plusDays(1).with(opens);
        while (!workday(candidate.toLocalDate())) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    /** Monday to Friday, except public holidays. */
    public static boolean workday(java.time.LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !NorwegianHolidays.isHoliday(date);
    }
}

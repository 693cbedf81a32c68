package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The weekly Incident Manager rotation: weeks turn at the handover (Monday 08:00 Oslo), not at midnight. */
class DutyRotationTest {

    static final DutyRotation R = DutyRotation.DEFAULT;
    static final LocalDate MON_MAR_2 = LocalDate.of(2026, 3, 2);
    static final LocalDate MON_MAR_9 = LocalDate.of(2026, 3, 9);
    static final Map<LocalDate, String> ROSTER = Map.of(MON_MAR_2, "SUB-ANNE", MON_MAR_9, "SUB-BJORN");

    /** A wall-clock time in Oslo. */
    static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NotifyWindow.OSLO).toInstant();
    }

    @Test
    void theWeekTurnsAtEightOnMondayMorningOsloTime() {
        assertEquals(MON_MAR_2, R.weekOf(oslo("2026-03-09T07:59:59")), "07:59 Monday: still last week's");
        assertEquals(MON_MAR_9, R.weekOf(oslo("2026-03-09T08:00:00")), "08:00 Monday: the new week");
        assertEquals(MON_MAR_2, R.weekOf(oslo("2026-03-09T00:30:00")), "not at midnight");
        assertEquals(MON_MAR_2, R.weekOf(oslo("2026-03-08T23:59:00")), "Sunday night");
        assertEquals(MON_MAR_9, R.weekOf(oslo("2026-03-15T20:00:00")), "Sunday evening of the new week");

        assertEquals("SUB-ANNE", R.incidentManagerAt(oslo("2026-03-09T07:59:00"), ROSTER, Optional.empty())
                .orElseThrow().subscriberId());
        assertEquals("SUB-BJORN", R.incidentManagerAt(oslo("2026-03-09T08:00:00"), ROSTER, Optional.empty())
                .orElseThrow().subscriberId());
    }

    @Test
    void theHandoverIsOsloTimeSoItMovesInUtcAcrossDaylightSavingTime() {
        // Winter (CET, UTC+1): 08:00 Oslo is 07:00Z
        assertEquals(Instant.parse("2026-03-23T07:00:00Z"), R.start(LocalDate.of(2026, 3, 23)));
        // Clocks go forward on Sunday 29 March: that week is 167 hours, and the next starts at 06:00Z
        LocalDate spring = LocalDate.of(2026, 3, 23);
        assertEquals(Duration.ofHours(167), Duration.between(R.start(spring), R.end(spring)));
        assertEquals(Instant.parse("2026-03-30T06:00:00Z"), R.end(spring));
        assertEquals(spring, R.weekOf(Instant.parse("2026-03-30T05:59:00Z")), "07:59 CEST");
        assertEquals(spring.plusWeeks(1), R.weekOf(Instant.parse("2026-03-30T06:00:00Z")), "08:00 CEST");
        // Clocks go back on Sunday 25 October: that week is 169 hours
        LocalDate autumn = LocalDate.of(2026, 10, 19);
        assertEquals(Duration.ofHours(169), Duration.between(R.start(autumn), R.end(autumn)));
        assertEquals(autumn, R.weekOf(Instant.parse("2026-10-26T06:59:00Z")), "07:59 CET");
        assertEquals(autumn.plusWeeks(1), R.weekOf(Instant.parse("2026-10-26T07:00:00Z")), "08:00 CET");
        // During the repeated hour on the Sunday night the week does not change
        assertEquals(autumn, R.weekOf(Instant.parse("2026-10-25T01:30:00Z")));
    }

    @Test
    void aWeekNobodyIsRosteredForFallsBackToTheDutyRole() {
        Instant later = oslo("2026-03-17T10:00:00");
        DutyRotation.OnDuty fallback = R.incidentManagerAt(later, ROSTER, Optional.of("SUB-ROLE")).orElseThrow();
        assertEquals("SUB-ROLE", fallback.subscriberId());
        assertEquals(LocalDate.of(2026, 3, 16), fallback.week());
        assertTrue(!fallback.fromRotation());
        assertTrue(R.incidentManagerAt(later, ROSTER, Optional.empty()).isEmpty(), "nobody at all");
        DutyRotation.OnDuty rostered = R.incidentManagerAt(oslo("2026-03-10T10:00:00"), ROSTER, Optional.of("SUB-ROLE"))
                .orElseThrow();
        assertEquals("SUB-BJORN", rostered.subscriberId(), "the rotation wins over the role");
        assertTrue(rostered.fromRotation());
    }

    @Test
    void staffAlertsGoToTheRotationsIncidentManagerInOpeningHoursAndToTheOnCallOutside() {
        Map<String, String> duty = Map.of("incident-manager", "SUB-ROLE", "on-call", "SUB-NIGHT");
        assertEquals(Optional.of("SUB-BJORN"), StaffAlerts.onDutyAt(oslo("2026-03-10T10:00:00"), R, ROSTER, duty));
        assertEquals(Optional.of("SUB-NIGHT"), StaffAlerts.onDutyAt(oslo("2026-03-10T22:00:00"), R, ROSTER, duty));
        // Monday 08:00 is both the handover and the opening: the new week's Incident Manager gets it
        assertEquals(Optional.of("SUB-BJORN"), StaffAlerts.onDutyAt(oslo("2026-03-09T08:00:00"), R, ROSTER, duty));
        assertEquals(Optional.of("SUB-NIGHT"), StaffAlerts.onDutyAt(oslo("2026-03-09T07:59:00"), R, ROSTER, duty));
        assertEquals(Optional.of("SUB-ROLE"), StaffAlerts.onDutyAt(oslo("2026-03-17T10:00:00"), R, ROSTER, duty),
                "unset week: the duty role");
        assertEquals(Optional.empty(), StaffAlerts.onDutyAt(oslo("2026-03-17T10:00:00"), R, ROSTER, Map.of()));
    }

    @Test
    void theHandoverIsConfigurableAndMistakesAreNamed() {
        DutyRotation friday = DutyRotation.parse("friday 12:00");
        assertEquals(new DutyRotation(DayOfWeek.FRIDAY, LocalTime.NOON, NotifyWindow.OSLO), friday);
        assertEquals(LocalDate.of(2026, 3, 6), friday.weekOf(oslo("2026-03-13T11:59:00")));
        assertEquals(LocalDate.of(2026, 3, 13), friday.weekOf(oslo("2026-03-13T12:00:00")));
        assertTrue(friday.isWeek(LocalDate.of(2026, 3, 13)) && !friday.isWeek(MON_MAR_9));
        assertEquals(R, DutyRotation.parse("MONDAY 08:00 Europe/Oslo"));
        assertEquals("MONDAY 08:00 Europe/Oslo", R.describe());
        assertEquals("mandag 08:00 (Europe/Oslo)", R.describeNb());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DutyRotation.parse("MANDAG 08:00")).getMessage()
                .contains("'MANDAG' is not a day"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DutyRotation.parse("MONDAY 8")).getMessage()
                .contains("'8' is not a time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DutyRotation.parse("MONDAY 08:00 Mars/Olympus"))
                .getMessage().contains("time zone"));
        assertThrows(IllegalArgumentException.class, () -> DutyRotation.parse("MONDAY"));
    }

    @Test
    void theComingWeeksStartWithTheCurrentOne() {
        assertEquals(java.util.List.of(MON_MAR_2, MON_MAR_9, LocalDate.of(2026, 3, 16)),
                R.weeksFrom(oslo("2026-03-09T07:00:00"), 3));
    }
}

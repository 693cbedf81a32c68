package no.nhn.driftsvakt.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class NorwegianHolidaysTest {

    @Test
    void easterSundayMatchesTheAlmanac() {
        // Known Easter Sundays, including the earliest (22 March) and latest (25 April) possible
        assertEquals(LocalDate.of(2024, 3, 31), NorwegianHolidays.easterSunday(2024));
        assertEquals(LocalDate.of(2025, 4, 20), NorwegianHolidays.easterSunday(2025));
        assertEquals(LocalDate.of(2026, 4, 5), NorwegianHolidays.easterSunday(2026));
        assertEquals(LocalDate.of(2027, 3, 28), NorwegianHolidays.easterSunday(2027));
        assertEquals(LocalDate.of(2038, 4, 25), NorwegianHolidays.easterSunday(2038));
        assertEquals(LocalDate.of(2285, 3, 22), NorwegianHolidays.easterSunday(2285));
        assertEquals(LocalDate.of(2000, 4, 23), NorwegianHolidays.easterSunday(2000));
    }

    @Test
    void twelveHolidaysIn2026WithTheirNorwegianNames() {
        List<NorwegianHolidays.Holiday> h = NorwegianHolidays.of(2026);
        assertEquals(List.of("2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
                "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"),
                h.stream().map(x -> x.date().toString()).toList());
        assertEquals("Kristi himmelfartsdag", NorwegianHolidays.on(LocalDate.of(2026, 5, 14)).get().nb());
        assertEquals("Whit Monday", NorwegianHolidays.on(LocalDate.of(2026, 5, 25)).get().en());
        assertFalse(NorwegianHolidays.isHoliday(LocalDate.of(2026, 12, 24)), "Christmas Eve is not a public holiday");
    }

    @Test
    void ascensionDayOnTheSeventeenthOfMayIsOneHolidayWithBothNames() {
        // Easter 2008 was 23 March: Ascension Day 1 May; in 2285 (Easter 22 March) it is 30 April
        NorwegianHolidays.Holiday h = NorwegianHolidays.on(LocalDate.of(2008, 5, 1)).get();
        assertTrue(h.nb().contains("Offentlig høytidsdag") && h.nb().contains("Kristi himmelfartsdag"), h.nb());
        assertEquals(11, NorwegianHolidays.of(2008).size());
    }
}

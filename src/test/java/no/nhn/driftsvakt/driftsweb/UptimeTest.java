package no.nhn.driftsvakt.driftsweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange;

class UptimeTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static StatusChange at(String time, ComponentStatus to) {
        return new StatusChange("c", null, to, null, time, Instant.parse(time));
    }

    @Test
    void daysBeforeTheFirstStatusHaveNoDataAndOutagesCountPerDay() {
        Instant now = Instant.parse("2026-11-27T11:00:00Z"); // 12:00 in Oslo
        List<StatusChange> changes = List.of(
                at("2026-11-25T00:00:00Z", ComponentStatus.OPERATIONAL),     // 01:00 Oslo on the 25th
                at("2026-11-26T10:00:00Z", ComponentStatus.MAJOR_OUTAGE),
                at("2026-11-26T10:36:00Z", ComponentStatus.DEGRADED_PERFORMANCE),
                at("2026-11-26T11:00:00Z", ComponentStatus.OPERATIONAL));
        Uptime.Bars bars = Uptime.bars(changes, now, OSLO, 4);
        assertEquals(4, bars.days().size());
        assertEquals(LocalDate.parse("2026-11-24"), bars.days().get(0).date());
        assertNull(bars.days().get(0).availability(), "nothing known yet");
        assertEquals("none", bars.days().get(0).level());
        assertEquals(1.0, bars.days().get(1).availability(), 1e-9, "known from 01:00, all up");
        Uptime.Day outage = bars.days().get(2);
        assertEquals(36, outage.downMinutes(), "degraded counts as available");
        assertEquals(1 - 36 / 1440.0, outage.availability(), 1e-9);
        assertEquals(ComponentStatus.MAJOR_OUTAGE, outage.worst());
        assertEquals("97.50 %", outage.percent());
        assertEquals("major", outage.level());
        assertEquals(1.0, bars.days().get(3).availability(), 1e-9, "today so far");
        double known = 23 * 60 + 1440 + 12 * 60; // minutes known: 25th from 01:00, 26th, 27th until 12:00
        assertEquals((known - 36) / known, bars.overall(), 1e-9);
    }

    @Test
    void aComponentDownSinceBeforeThePeriodIsDownAllDays() {
        Instant now = Instant.parse("2026-11-27T23:00:00Z");
        Uptime.Bars bars = Uptime.bars(List.of(at("2026-10-01T00:00:00Z", ComponentStatus.PARTIAL_OUTAGE)), now, OSLO, 3);
        bars.days().forEach(d -> assertEquals(0.0, d.availability(), 1e-9));
        assertEquals("critical", bars.days().get(0).level());
        assertEquals("0.00 %", bars.overallPercent());
    }

    @Test
    void aDayWithADaylightSavingChangeIsMeasuredInItsRealLength() {
        // 2026-10-25 in Oslo has 25 hours; one hour down is 1/25 of it
        Instant now = Instant.parse("2026-10-26T00:00:00Z");
        List<StatusChange> changes = List.of(at("2026-10-20T00:00:00Z", ComponentStatus.OPERATIONAL),
                at("2026-10-25T10:00:00Z", ComponentStatus.MAJOR_OUTAGE),
                at("2026-10-25T11:00:00Z", ComponentStatus.OPERATIONAL));
        Uptime.Day day = Uptime.bars(changes, now, OSLO, 2).days().get(0);
        assertEquals(LocalDate.parse("2026-10-25"), day.date());
        assertEquals(24.0 / 25.0, day.availability(), 1e-9);
    }
}

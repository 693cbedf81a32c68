package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlannedEventsTest {

    @Test
    void anIncidentIsPlannedAgainOnlyWhenItHasANewerEvent() {
        PlannedEvents p = new PlannedEvents();
        Map<String, Long> first = Map.of("INC-1", 10L, "INC-2", 11L);
        assertEquals(List.of("INC-1", "INC-2"), p.unplanned(first), "a fresh replica plans everything it finds");
        p.planned(first);

        // The next run's overlap finds both again, and INC-2 changed meanwhile; INC-3 is new.
        Map<String, Long> second = Map.of("INC-1", 10L, "INC-2", 14L, "INC-3", 12L);
        assertEquals(List.of("INC-2", "INC-3"), p.unplanned(second));
        p.planned(second);
        assertEquals(List.of(), p.unplanned(second), "a run over the same events plans nothing");
    }

    @Test
    void aRunThatFailedLeavesItsIncidentsToTheNextRun() {
        PlannedEvents p = new PlannedEvents();
        Map<String, Long> found = Map.of("INC-1", 10L);
        assertEquals(List.of("INC-1"), p.unplanned(found));
        // no planned(found): the run rolled back
        assertEquals(List.of("INC-1"), p.unplanned(found));
    }

    @Test
    void incidentsThatLeftTheOverlapAreForgotten() {
        PlannedEvents p = new PlannedEvents();
        p.planned(Map.of("INC-1", 10L, "INC-2", 11L));
        p.planned(Map.of("INC-2", 11L)); // INC-1's events are older than the overlap now
        // Should INC-1's event turn up again (a clock step back), it is planned again rather than lost.
        assertEquals(List.of("INC-1"), p.unplanned(Map.of("INC-1", 10L, "INC-2", 11L)));
    }
}

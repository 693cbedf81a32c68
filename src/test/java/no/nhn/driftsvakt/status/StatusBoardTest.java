package no.nhn.driftsvakt.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogParser;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class StatusBoardTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final Catalog CATALOG = CatalogParser.parse("t.yaml", """
            components:
              - id: core
                name: Core
                kind: infrastructure
                category: Net
                checks:
                  - { id: core-a, type: tcp, host: h, port: 1 }
                  - { id: core-b, type: tcp, host: h, port: 2 }
              - id: app
                name: App
                category: Services
                dependsOn: [core]
                checks:
                  - { id: app-http, type: http, url: "http://h/" }
              - id: portal
                name: Portal
                category: Services
                dependsOn: [app]
              - id: other
                name: Other
                category: Services
                checks:
                  - { id: other-http, type: http, url: "http://h/" }
            """, k -> Optional.empty());

    private static Signal signal(String id, String component, String key, SignalState state, int sec) {
        return new Signal(id, "probe", component, state, state.wire(), Map.of(), T0.plusSeconds(sec), key);
    }

    private final Map<String, ComponentState> states = new HashMap<>();

    private void apply(Signal s) {
        StatusProjector.apply(states.get(s.component()), s).ifPresent(n -> states.put(n.componentId(), n));
    }

    @Test
    void oneOfTwoChecksDownIsAPartialOutageBothDownAMajorOne() {
        apply(signal("1", "core", "core-a", SignalState.UP, 0));
        apply(signal("2", "core", "core-b", SignalState.UP, 0));
        apply(signal("3", "core", "core-a", SignalState.DOWN, 1));
        assertEquals(ComponentStatus.PARTIAL_OUTAGE, states.get("core").status());

        apply(signal("4", "core", "core-b", SignalState.DOWN, 2));
        assertEquals(ComponentStatus.MAJOR_OUTAGE, states.get("core").status());
    }

    @Test
    void aComponentWhoseUpstreamIsDownShowsAsAffected() {
        apply(signal("1", "core", "core-a", SignalState.DOWN, 0));
        apply(signal("2", "app", "app-http", SignalState.UP, 0));

        StatusBoard.Board b = StatusBoard.build(CATALOG, states, Map.of(), null, T0);

        StatusBoard.ComponentView app = b.component("app").get();
        assertEquals(ComponentStatus.OPERATIONAL, app.own());
        assertEquals(ComponentStatus.DEGRADED_PERFORMANCE, app.effective());
        assertEquals(List.of("Core"), app.affectedBy());
        assertEquals(List.of("Core"), b.component("portal").get().affectedBy(), "transitively affected");
        assertEquals(ComponentStatus.OPERATIONAL, b.component("other").get().effective());
        assertEquals(ComponentStatus.MAJOR_OUTAGE, b.overall());
        assertEquals("Driftsavbrudd", b.overallNb());
    }

    @Test
    void aCheckedComponentWithoutResultsIsUnknownAndAnUncheckedOneOperational() {
        StatusBoard.Board b = StatusBoard.build(CATALOG, Map.of(), Map.of(), null, T0);

        assertNull(b.component("app").get().own());
        assertFalse(b.component("app").get().known());
        assertTrue(b.component("portal").get().known());
        assertEquals(ComponentStatus.OPERATIONAL, b.overall());
    }

    @Test
    void theSameSignalTwiceOrAnOlderOneChangesNothing() {
        Signal down = signal("1", "app", "app-http", SignalState.DOWN, 10);
        apply(down);

        assertTrue(StatusProjector.apply(states.get("app"), down).isEmpty(), "duplicate");
        assertTrue(StatusProjector.apply(states.get("app"), signal("0", "app", "app-http", SignalState.UP, 5))
                .isEmpty(), "older");
        assertTrue(StatusProjector.apply(states.get("app"), signal("2", "app", "app-http", SignalState.UP, 11))
                .isPresent(), "newer");
    }

    @Test
    void aClearedAlertLeavesNoTraceButAnUpCheckStaysASource() {
        apply(signal("1", "app", "app-http", SignalState.UP, 0));
        apply(new Signal("a1", "alertmanager", "app", SignalState.DOWN, "EDI-kø", Map.of(), T0.plusSeconds(1), "am:f1"));
        assertEquals(ComponentStatus.PARTIAL_OUTAGE, states.get("app").status());

        apply(new Signal("a2", "alertmanager", "app", SignalState.UP, "", Map.of(), T0.plusSeconds(2), "am:f1"));
        apply(signal("3", "app", "app-http", SignalState.DOWN, 3));

        assertEquals(java.util.Set.of("app-http"), states.get("app").sources().keySet());
        assertEquals(ComponentStatus.MAJOR_OUTAGE, states.get("app").status(), "the only source left is down");
    }

    @Test
    void aConfirmedIncidentDeclaresTheStatusWhateverTheMonitorsSay() {
        apply(signal("1", "app", "app-http", SignalState.UP, 0));
        apply(new Signal("i1", "incident", "app", SignalState.DOWN, "Meldt på telefon", Map.of(), T0.plusSeconds(1),
                "incident:INC-1"));
        assertEquals(ComponentStatus.MAJOR_OUTAGE, states.get("app").status());

        apply(new Signal("i2", "incident", "app", SignalState.UP, "", Map.of(), T0.plusSeconds(2), "incident:INC-1"));
        assertEquals(ComponentStatus.OPERATIONAL, states.get("app").status());
    }

    @Test
    void lastCheckIsTheNewestOfTheComponentsChecks() {
        Map<String, LastCheck> last = Map.of(
                "core-a", new LastCheck("core-a", "core", "local", true, 4, "ok", T0.plusSeconds(5)),
                "core-b", new LastCheck("core-b", "core", "local", true, 7, "ok", T0.plusSeconds(9)));

        StatusBoard.ComponentView core = StatusBoard.build(CATALOG, states, last, null, T0).component("core").get();

        assertEquals(T0.plusSeconds(9), core.lastCheckAt());
        assertEquals(7L, core.lastLatencyMs());
    }
}

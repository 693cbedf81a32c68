package no.nhn.driftsvakt.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogParser;
import no.nhn.driftsvakt.catalog.SupportGroup;

/** Assigning an incident to a support group, and escalating it on to 3rd line: a pure staff action. */
class AssignmentTest {

    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    static final Catalog CATALOG = CatalogParser.parse("t.yaml", """
            supportGroups:
              - { id: nettverk, name: Nettverk, line: 2, contact: nett@nhn.test, escalatesTo: dmvpn }
              - { id: plattform, name: Plattform, line: 2, contact: plattform@nhn.test }
              - { id: dmvpn, name: DMVPN-spesialister, line: 3, contact: dmvpn@nhn.test }
            components:
              - { id: hub, name: DMVPN-hub, category: Net, supportGroup: nettverk }
            """, k -> Optional.empty());

    private static Incident open() {
        return StaffActions.manual(CATALOG, "hub", "Hub nede", null, true, Priority.P2, "ida", T0, () -> "INC-1")
                .incident().orElseThrow();
    }

    @Test
    void assigningSetsTheGroupAndWritesAnInternalTimelineEntry() {
        Incident i = open();
        assertNull(i.assignee(), "nobody has a new incident");

        IncidentEngine.Decision d = StaffActions.assign(i, CATALOG, "nettverk", "ida", "Ring vakta", T0.plusSeconds(60));

        Incident assigned = d.incident().orElseThrow();
        assertEquals("nettverk", assigned.assignee());
        assertEquals(i.version() + 1, assigned.version());
        assertEquals(i.state(), assigned.state(), "the state does not change");
        assertEquals(T0.plusSeconds(60), assigned.updatedAt());
        TimelineEntry e = d.timeline().get(0);
        assertEquals("assigned", e.kind());
        assertFalse(e.isPublic(), "internal: customers do not see who works on it");
        assertEquals("ida", e.author());
        assertEquals("Tildelt Nettverk (2. linje) / Assigned to Nettverk (2. linje). Ring vakta", e.text());
    }

    @Test
    void escalatingOnToThirdLineSaysSo() {
        Incident second = StaffActions.assign(open(), CATALOG, "nettverk", "ida", null, T0).incident().orElseThrow();

        IncidentEngine.Decision d = StaffActions.assign(second, CATALOG, "dmvpn", "ida", null, T0.plusSeconds(60));

        assertEquals("dmvpn", d.incident().orElseThrow().assignee());
        assertEquals("Eskalert til 3. linje: DMVPN-spesialister (fra Nettverk) / Escalated to 3rd line: "
                + "DMVPN-spesialister (from Nettverk)", d.timeline().get(0).text());
        assertEquals(List.of("nettverk", "dmvpn"), CATALOG.escalationPath("nettverk").stream().map(g -> g.id())
                .toList());

        // Moving sideways to another 2nd-line group is an assignment, naming the one before
        String moved = StaffActions.assign(second, CATALOG, "plattform", "ida", null, T0).timeline().get(0).text();
        assertTrue(moved.startsWith("Tildelt Plattform (2. linje)") && moved.endsWith("før / before: Nettverk (2. linje)"),
                moved);
    }

    @Test
    void theSameGroupTwiceAnUnknownGroupOrAClosedIncidentAreRefused() {
        Incident assigned = StaffActions.assign(open(), CATALOG, "nettverk", "ida", null, T0).incident().orElseThrow();
        assertThrows(IllegalStateException.class, () -> StaffActions.assign(assigned, CATALOG, "nettverk", "ida", null, T0));
        assertEquals("group", assertThrows(IllegalArgumentException.class,
                () -> StaffActions.assign(assigned, CATALOG, "nobody", "ida", null, T0)).getMessage());
        Incident resolved = StaffActions.resolve(assigned, "ida", null, T0).incident().orElseThrow();
        assertThrows(IllegalStateException.class, () -> StaffActions.assign(resolved, CATALOG, "dmvpn", "ida", null, T0));
        assertEquals("nettverk", resolved.assignee(), "other actions keep the assignee");
    }

    @Test
    void otherActionsKeepTheAssignee() {
        Incident assigned = StaffActions.assign(open(), CATALOG, "nettverk", "ida", null, T0).incident().orElseThrow();
        assertEquals("nettverk", StaffActions.priority(assigned, "ida", Priority.P1, null, T0).incident().orElseThrow()
                .assignee());
        assertEquals("nettverk", StaffActions.update(assigned, "ida", "Jobber med saken", true, IncidentState.IDENTIFIED,
                T0).incident().orElseThrow().assignee());
    }

    @Test
    void aGroupWhoseNameSaysItsLineIsNotToldItTwice() {
        assertEquals("Nettverk (2. linje)", new SupportGroup("n", "Nettverk", 2, "", null).label());
        assertEquals("DMVPN-spesialister (3. linje)",
                new SupportGroup("d", "DMVPN-spesialister (3. linje)", 3, "", "x").label());
    }
}

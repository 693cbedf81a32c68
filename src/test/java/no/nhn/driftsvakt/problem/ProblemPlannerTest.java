package no.nhn.driftsvakt.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogParser;
import no.nhn.driftsvakt.correlation.ProblemGroup;

class ProblemPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final Catalog CATALOG = CatalogParser.parse("t.yaml", """
            components:
              - { id: core, name: Kjerne, category: Net }
              - { id: edi, name: EDI, category: X, dependsOn: [core] }
            """, k -> Optional.empty());

    private static ProblemGroup group(List<String> ids) {
        return new ProblemGroup("problem:" + ids.get(0), ProblemGroup.Kind.TOPOLOGY, ids, "core", false, ids.get(0), T0,
                "Felles årsak");
    }

    private static Problem stored(ProblemState state, List<String> ids, String mergedInto) {
        return new Problem("PRB-1", "problem:" + ids.get(0), ProblemGroup.Kind.TOPOLOGY, state, "t", "core", false,
                ids.get(0), "r", "cause", "work around", true, mergedInto, ids, T0, null, 4, T0);
    }

    @Test
    void aNewGroupIsANewProblemAndResolvesWhenAllItsIncidentsAreOver() {
        List<Problem> open = ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of(),
                Map.of("I1", "suspected", "I2", "investigating"), CATALOG, T0, () -> "PRB-9");
        List<Problem> over = ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of("problem:I1", open.get(0)),
                Map.of("I1", "resolved", "I2", "dismissed"), CATALOG, T0.plusSeconds(60), () -> "PRB-10");

        assertEquals(ProblemState.NEW, open.get(0).state());
        assertEquals("Feil i Kjerne, 2 hendelser / Failure in Kjerne, 2 incidents", open.get(0).title());
        assertEquals(ProblemState.RESOLVED, over.get(0).state());
        assertEquals(2, over.get(0).version());
    }

    @Test
    void nothingChangedMeansNoNewVersion() {
        Problem p = ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of(), Map.of("I1", "suspected",
                "I2", "suspected"), CATALOG, T0, () -> "PRB-1").get(0);

        assertEquals(List.of(), ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of(p.key(), p),
                Map.of("I1", "suspected", "I2", "suspected"), CATALOG, T0.plusSeconds(5), () -> "X"));
    }

    @Test
    void aClosedProblemStaysClosedUnlessItsGroupComesBackWithSomethingNew() {
        Problem closed = stored(ProblemState.CLOSED, List.of("I1", "I2"), null);
        Map<String, String> states = Map.of("I1", "resolved", "I2", "resolved", "I3", "suspected");

        assertEquals(List.of(), ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of(closed.key(), closed),
                states, CATALOG, T0, () -> "X"), "no new incident: stays closed");

        List<Problem> back = ProblemPlanner.plan(List.of(group(List.of("I1", "I2", "I3"))),
                Map.of(closed.key(), closed), states, CATALOG, T0, () -> "X");
        assertEquals(ProblemState.NEW, back.get(0).state());
        assertEquals("cause", back.get(0).rootCause(), "what staff wrote is kept");
    }

    @Test
    void aMergedAwayProblemWhoseGroupReturnsIsReopened() {
        Problem merged = stored(ProblemState.CLOSED, List.of("I1", "I2"), "PRB-7");

        List<Problem> back = ProblemPlanner.plan(List.of(group(List.of("I1", "I2"))), Map.of(merged.key(), merged),
                Map.of("I1", "suspected", "I2", "suspected"), CATALOG, T0, () -> "X");

        assertEquals(ProblemState.NEW, back.get(0).state());
        assertNull(back.get(0).mergedInto());
    }

    @Test
    void aProblemWhoseIncidentsJoinedAnotherGroupIsClosedAsMerged() {
        Problem small = new Problem("PRB-2", "problem:I3", ProblemGroup.Kind.TOPOLOGY, ProblemState.NEW, "t", "edi",
                false, "I3", "r", null, null, false, null, List.of("I3", "I4"), T0, null, 1, T0);

        List<Problem> changes = ProblemPlanner.plan(List.of(group(List.of("I1", "I3", "I4"))),
                Map.of(small.key(), small), Map.of("I1", "suspected", "I3", "suspected", "I4", "suspected"), CATALOG,
                T0, () -> "PRB-3");

        Problem closed = changes.stream().filter(p -> p.id().equals("PRB-2")).findFirst().orElseThrow();
        assertEquals(ProblemState.CLOSED, closed.state());
        assertEquals("PRB-3", closed.mergedInto());
        assertTrue(changes.stream().anyMatch(p -> p.id().equals("PRB-3") && p.incidentIds().size() == 3));
    }
}

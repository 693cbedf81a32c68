package no.nhn.driftsvakt.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.correlation.ProblemGroup;

class ProblemDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private static Problem problem(String id, ProblemGroup.Kind kind, ProblemState state, List<String> incidents) {
        return new Problem(id, "key:" + id, kind, state, "t", "core", false, incidents.get(0), "r", "cause", "way round",
                false, null, incidents, T0, null, 3, T0);
    }

    @Test
    void anEditChangesOnlyWhatIsGivenClearsBlankTextsAndStampsTheResolution() {
        Problem p = problem("PRB-1", ProblemGroup.Kind.TOPOLOGY, ProblemState.NEW, List.of("I1"));

        Problem known = ProblemDecisions.edit(p, ProblemState.KNOWN_ERROR, null, "Bruk reserve", true, T0);
        Problem cleared = ProblemDecisions.edit(known, null, " ", null, null, T0);
        Problem resolved = ProblemDecisions.edit(cleared, ProblemState.RESOLVED, null, null, null, T0.plusSeconds(60));
        Problem again = ProblemDecisions.edit(resolved, ProblemState.RESOLVED, null, null, null, T0.plusSeconds(120));
        Problem reopened = ProblemDecisions.edit(resolved, ProblemState.ANALYSING, null, null, null, T0);

        assertEquals(ProblemState.KNOWN_ERROR, known.state());
        assertEquals("cause", known.rootCause());
        assertEquals("Bruk reserve", known.workaround());
        assertTrue(known.workaroundPublic());
        assertNull(cleared.rootCause());
        assertEquals(ProblemState.KNOWN_ERROR, cleared.state());
        assertEquals(T0.plusSeconds(60), resolved.resolvedAt());
        assertEquals(T0.plusSeconds(60), again.resolvedAt(), "stamped once");
        assertNull(reopened.resolvedAt());
        assertEquals(3, reopened.version(), "the service bumps the version when it saves");
    }

    @Test
    void mergeSplitAndRelinkArePinsAndRefuseClosedOrRecurringProblems() {
        Problem a = problem("PRB-1", ProblemGroup.Kind.TOPOLOGY, ProblemState.NEW, List.of("I1", "I2"));
        Problem b = problem("PRB-2", ProblemGroup.Kind.LABEL, ProblemState.ANALYSING, List.of("I3"));
        Problem closed = problem("PRB-3", ProblemGroup.Kind.TOPOLOGY, ProblemState.CLOSED, List.of("I4"));
        Problem recurring = problem("PRB-4", ProblemGroup.Kind.RECURRING, ProblemState.NEW, List.of("I1", "I5"));

        assertEquals(Map.of("I1", "key:PRB-2", "I2", "key:PRB-2", "I3", "key:PRB-2"), ProblemDecisions.merge(a, b));
        assertEquals(Map.of("I1", "new", "I2", "key:PRB-1"), ProblemDecisions.split(a, List.of("I1"), "new"));
        assertEquals(Map.of("I1", "key:PRB-2", "I2", "key:PRB-1", "I3", "key:PRB-2"),
                ProblemDecisions.relink(b, "I1", List.of(a, recurring)), "the rest of I1's problem stays where it is");

        assertEquals(ProblemDecisions.Refused.Why.INVALID,
                assertThrows(ProblemDecisions.Refused.class, () -> ProblemDecisions.merge(a, a)).why());
        assertEquals(ProblemDecisions.Refused.Why.NOT_ALLOWED,
                assertThrows(ProblemDecisions.Refused.class, () -> ProblemDecisions.merge(a, closed)).why());
        assertEquals(ProblemDecisions.Refused.Why.NOT_ALLOWED,
                assertThrows(ProblemDecisions.Refused.class, () -> ProblemDecisions.merge(recurring, b)).why());
        assertEquals("incidents", assertThrows(ProblemDecisions.Refused.class,
                () -> ProblemDecisions.split(a, List.of("I3"), "new")).field());
        assertEquals(ProblemDecisions.Refused.Why.INVALID,
                assertThrows(ProblemDecisions.Refused.class, () -> ProblemDecisions.split(a, List.of(), "new")).why());
        assertEquals(ProblemDecisions.Refused.Why.NOT_ALLOWED,
                assertThrows(ProblemDecisions.Refused.class, () -> ProblemDecisions.relink(closed, "I1", List.of())).why());
    }
}

package no.nhn.driftsvakt.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.correlation.ProblemGroup;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;
import no.nhn.driftsvakt.testing.OutboxEvents;

/**
 * A correlation run's problems are written in a few statements ({@link ProblemStore#saveAll}): rows, links and
 * events must come out as if each problem had been saved on its own, in order, against the real PostgreSQL.
 */
@QuarkusTest
class ProblemBatchIT {

    @Inject
    ProblemStore problems;

    @Inject
    IncidentStore incidentStore;

    @Inject
    IncidentService incidents;

    /** Of kind recurring: the correlator running in the background leaves recurring problems it did not make alone. */
    private static Problem problem(String id, String key, int version, List<String> incidentIds, Instant at) {
        return new Problem(id, key, ProblemGroup.Kind.RECURRING, ProblemState.NEW, "Batch " + key, null, false, null,
                "test", null, null, false, null, incidentIds, at, null, version, at.plusSeconds(version));
    }

    /** Three real incidents on eng-b (opened, resolved, opened again ...), oldest first. */
    private List<String> threeIncidents(String run, Instant t) throws Exception {
        List<Signal> s = new ArrayList<>();
        SignalState[] states = {SignalState.DOWN, SignalState.UP, SignalState.DOWN, SignalState.UP, SignalState.DOWN};
        for (int i = 0; i < states.length; i++) {
            s.add(new Signal(run + "-" + i, "batch", "eng-b", states[i], "x", null, t.plusMillis(i), null));
        }
        incidents.applySignals(s);
        try (Connection c = incidentStore.connection()) {
            List<Incident> mine = new ArrayList<>(incidentStore.list(c, null, "eng-b", t.minusSeconds(1), 10));
            mine.sort(Comparator.comparing(Incident::openedAt));
            List<String> ids = mine.stream().filter(i -> !i.openedAt().isBefore(t)).map(Incident::id).toList();
            assertEquals(3, ids.size(), "three incidents opened");
            return ids;
        }
    }

    @Test
    void newAndChangedProblemsLinksAndEventsInOneCall() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> i = threeIncidents(run, t);
        String a = "TEST-A-" + run;
        String b = "TEST-B-" + run;
        Problem a1 = problem(a, "test:a:" + run, 1, List.of(i.get(0), i.get(1)), t);
        Problem b1 = problem(b, "test:b:" + run, 1, List.of(i.get(2)), t);
        inTransaction(c -> problems.saveAll(c, List.of(new ProblemStore.Change(a1, List.of()),
                new ProblemStore.Change(b1, List.of()))));
        try (Connection c = incidentStore.connection()) {
            assertEquals(List.of(i.get(0), i.get(1)), links(c, a));
            assertEquals(List.of(i.get(2)), links(c, b));
            assertEquals(a1, problems.find(c, a).orElseThrow());
        }

        // The next run: one incident moves from A to B, B's own leaves it; a new problem C comes, listed first.
        String cId = "TEST-C-" + run;
        Problem c1 = problem(cId, "test:c:" + run, 1, List.of(i.get(0)), t);
        Problem a2 = problem(a, "test:a:" + run, 2, List.of(i.get(1)), t);
        Problem b2 = problem(b, "test:b:" + run, 2, List.of(i.get(0)), t);
        inTransaction(c -> problems.saveAll(c, List.of(new ProblemStore.Change(c1, List.of()),
                new ProblemStore.Change(a2, a1.incidentIds()), new ProblemStore.Change(b2, b1.incidentIds()))));
        try (Connection c = incidentStore.connection()) {
            assertEquals(List.of(i.get(1)), links(c, a));
            assertEquals(List.of(i.get(0)), links(c, b));
            assertEquals(List.of(i.get(0)), links(c, cId));
            assertEquals(2, problems.find(c, b).orElseThrow().version());
            assertEquals(List.of(a + ":1", b + ":1", cId + ":1", a + ":2", b + ":2"),
                    OutboxEvents.eventIds(c, "driftsvakt.problems", a, b, cId), "one event per change, in the order given");
        }

        // A change computed from an old version (another run wrote in between): nothing of the call is kept.
        Problem a2again = problem(a, "test:a:" + run, 2, List.of(i.get(2)), t);
        Problem b3 = problem(b, "test:b:" + run, 3, List.of(), t);
        assertThrows(ProblemStore.StaleProblemException.class, () -> inTransaction(c -> problems.saveAll(c, List.of(
                new ProblemStore.Change(b3, b2.incidentIds()), new ProblemStore.Change(a2again, a1.incidentIds())))));
        try (Connection c = incidentStore.connection()) {
            assertEquals(2, problems.find(c, b).orElseThrow().version(), "b's change rolled back with a's");
            assertEquals(List.of(i.get(0)), links(c, b));
            assertEquals(5, OutboxEvents.eventIds(c, "driftsvakt.problems", a, b, cId).size());
        }
    }

    @FunctionalInterface
    interface Work {
        void run(Connection c) throws Exception;
    }

    private void inTransaction(Work w) throws Exception {
        try (Connection c = incidentStore.connection()) {
            c.setAutoCommit(false);
            try {
                w.run(c);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<String> links(Connection c, String problem) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT incident_id FROM problem_incident WHERE problem_id = ? ORDER BY incident_id")) {
            ps.setString(1, problem);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}

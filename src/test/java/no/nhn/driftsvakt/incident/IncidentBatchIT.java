package no.nhn.driftsvakt.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;
import no.nhn.driftsvakt.testing.OutboxEvents;

/**
 * One batch of signals is saved in a few round trips ({@link IncidentStore#saveAll}): the decisions must come out
 * exactly as if each had been saved on its own, in order, against the real PostgreSQL.
 */
@QuarkusTest
class IncidentBatchIT {

    private static final String COMPONENT = "eng-a";

    @Inject
    IncidentService incidents;

    @Inject
    IncidentStore store;

    private static Signal signal(String id, String source, SignalState state, Instant at) {
        return new Signal(id, source, COMPONENT, state, source + " says " + state.wire(), null, at, null);
    }

    @Test
    void oneBatchOpensAddsEvidenceResolvesAndOpensAgainInOrder() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now();
        List<Signal> batch = List.of(
                signal(run + "-1", "nagios", SignalState.DOWN, t), // opens: a row inserted in this batch
                signal(run + "-2", "zabbix", SignalState.DOWN, t.plusMillis(1)), // evidence: updates that new row
                signal(run + "-3", "nagios", SignalState.UP, t.plusMillis(2)), // one source recovered
                signal(run + "-4", "zabbix", SignalState.UP, t.plusMillis(3)), // all recovered: auto-resolved
                signal(run + "-5", "nagios", SignalState.DOWN, t.plusMillis(4)), // opens the next one, same batch
                signal(run + "-1", "nagios", SignalState.DOWN, t)); // the first signal again: ignored
        int before = count("SELECT count(*) FROM incident WHERE component_id = '" + COMPONENT + "'");

        incidents.applySignals(batch);

        List<Incident> mine;
        try (Connection c = store.connection()) {
            mine = new ArrayList<>(store.list(c, null, COMPONENT, t.minusSeconds(1), 10));
            mine.sort(Comparator.comparing(Incident::id));
            assertEquals(before + 2, count("SELECT count(*) FROM incident WHERE component_id = '" + COMPONENT + "'"));
            assertEquals(2, mine.size(), "the first incident and the one that followed it");
            Incident first = mine.get(0);
            Incident second = mine.get(1);
            assertEquals(IncidentState.RESOLVED, first.state());
            assertEquals(4, first.version(), "opened, evidence, one source recovered, resolved");
            assertEquals(List.of("opened", "evidence", "recovered", "resolved"),
                    store.timeline(c, first.id()).stream().map(TimelineEntry::kind).toList());
            assertEquals(IncidentState.SUSPECTED, second.state());
            assertEquals(1, second.version());
            assertEquals(List.of("opened"), store.timeline(c, second.id()).stream().map(TimelineEntry::kind).toList());
            // one event per decision, in decision order
            assertEquals(List.of(first.id() + ":1", first.id() + ":2", first.id() + ":3", first.id() + ":4",
                    second.id() + ":1"), OutboxEvents.eventIds(c, "driftsvakt.incidents", first.id(), second.id()));
        }

        // The same batch again (a redelivery after a crash): every id is known, nothing changes.
        incidents.applySignals(batch);
        assertEquals(before + 2, count("SELECT count(*) FROM incident WHERE component_id = '" + COMPONENT + "'"));
        try (Connection c = store.connection()) {
            assertEquals(4, store.find(c, mine.get(0).id()).orElseThrow().version());
            assertEquals(5,
                    OutboxEvents.eventIds(c, "driftsvakt.incidents", mine.get(0).id(), mine.get(1).id()).size());
        }
    }

    /**
     * Signals that arrive late, dated before the failure they would end or worsen, change nothing; the time each
     * source began failing is kept with the incident in the database, so this holds across batches and restarts.
     */
    @Test
    void aLateSignalDatedBeforeItsSourcesFailureChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now();
        incidents.applySignals(List.of(lateSignal(run + "-1", "am-1", SignalState.DEGRADED, t)));
        // Separate batches, as if redelivered or sent again by a second Alertmanager: read back from the database.
        incidents.applySignals(List.of(lateSignal(run + "-2", "am-1", SignalState.UP, t.minusSeconds(60))));
        incidents.applySignals(List.of(lateSignal(run + "-3", "am-1", SignalState.DOWN, t.minusSeconds(30))));
        Incident open;
        try (Connection c = store.connection()) {
            open = store.findOpen(c, "eng-e").orElseThrow(() -> new AssertionError("a late up resolved it"));
            assertEquals(1, open.version(), "neither the late up nor the older down changed it");
            assertEquals(Priority.Urgency.MEDIUM, open.urgency());
            assertEquals(java.util.Map.of("am-1", t.truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
                    java.util.Map.of("am-1", open.failingSince().get("am-1")
                            .truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        }

        incidents.applySignals(List.of(lateSignal(run + "-4", "am-1", SignalState.UP, t.plusSeconds(1))));
        try (Connection c = store.connection()) {
            Incident after = store.find(c, open.id()).orElseThrow();
            assertEquals(IncidentState.RESOLVED, after.state(), "an up dated after the failure began resolves it");
            assertEquals(java.util.Map.of(), after.failingSince());
        }
    }

    private static Signal lateSignal(String id, String sourceKey, SignalState state, Instant at) {
        return new Signal(id, "alertmanager", "eng-e", state, "late " + state.wire(), null, at, sourceKey);
    }

    private int count(String sql) throws Exception {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

package no.nhn.driftsvakt.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * A batch is decided in order, and a signal older than its source's newest change is stale: late repeats of signals
 * that changed nothing (which leave no id behind) cannot undo what came after them.
 */
class BatchDeciderTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private static Signal signal(String id, String source, SignalState state, int sec) {
        return new Signal(id, "probe", "lab", state, state == SignalState.UP ? "ok" : "HTTP 503", Map.of(),
                T0.plusSeconds(sec), source);
    }

    /** Decides batches one after the other, carrying the stored state between them as the service does. */
    private final Map<String, Incident> open = new HashMap<>();
    private final Map<BatchDecider.Source, Instant> marks = new HashMap<>();
    private int ids;

    private BatchDecider.Result batch(Set<String> skip, Signal... signals) {
        BatchDecider.Result r = BatchDecider.decide(List.of(signals), s -> true, skip, open, Map.of(), marks,
                IncidentEngineTest.CATALOG, () -> "INC-" + ++ids);
        for (IncidentStore.Change ch : r.changes()) {
            if (ch.incident().state().isOpen()) {
                open.put(ch.incident().componentId(), ch.incident());
            } else {
                open.remove(ch.incident().componentId());
            }
        }
        marks.putAll(r.marks());
        return r;
    }

    private BatchDecider.Result batch(Signal... signals) {
        return batch(Set.of(), signals);
    }

    @Test
    void aLateRepeatOfADownThatChangedNothingDoesNotReopenAfterTheRecovery() {
        BatchDecider.Result first = batch(signal("a", "http", SignalState.DOWN, 0), signal("b", "http",
                SignalState.DOWN, 10), signal("c", "http", SignalState.UP, 20));
        assertEquals(List.of("opened", "already_known", "auto_resolved"), first.outcomes());
        assertEquals(Set.of("a", "c"), first.changing(), "only the signals that changed something are recorded");
        assertEquals(Map.of(new BatchDecider.Source("lab", "http"), T0.plusSeconds(20)), first.marks());

        BatchDecider.Result repeat = batch(signal("b", "http", SignalState.DOWN, 10));
        assertEquals(List.of("stale"), repeat.outcomes());
        assertTrue(repeat.changes().isEmpty());
        assertTrue(open.isEmpty(), "no incident opened again");
    }

    @Test
    void aLateRepeatOfAnUpThatChangedNothingDoesNotResolveALaterFailure() {
        batch(signal("a", "http", SignalState.UP, 0));
        assertTrue(marks.isEmpty(), "an up without an incident changes nothing and leaves no mark");
        batch(signal("b", "http", SignalState.DOWN, 10));
        BatchDecider.Result repeat = batch(signal("a", "http", SignalState.UP, 0));
        assertEquals(List.of("stale"), repeat.outcomes());
        assertEquals(1, open.size(), "the failure that came after it stays open");
    }

    @Test
    void sourcesAreIndependentAndAnEqualTimeIsNotStale() {
        batch(signal("a", "http", SignalState.DOWN, 10));
        BatchDecider.Result other = batch(signal("b", "tcp", SignalState.DOWN, 5), signal("c", "http",
                SignalState.UP, 10));
        assertEquals(List.of("evidence_added", "source_recovered"), other.outcomes(),
                "tcp is older than http's mark but has none of its own; http at the same time as its mark counts");
    }

    @Test
    void aRepeatWithinTheBatchAndAnIdToSkipAreSkipped() {
        BatchDecider.Result r = batch(Set.of("x"), signal("x", "http", SignalState.DOWN, 0),
                signal("a", "http", SignalState.DOWN, 1), signal("a", "http", SignalState.DOWN, 1));
        assertEquals(List.of("skipped", "opened", "skipped"), r.outcomes());
        assertEquals(List.of("INC-1"), new ArrayList<>(r.changes().stream().map(c -> c.incident().id()).toList()));
    }

    @Test
    void aStaleSignalWithinOneBatchChangesNothing() {
        BatchDecider.Result r = batch(signal("a", "http", SignalState.DOWN, 10), signal("b", "http", SignalState.UP, 20),
                signal("c", "http", SignalState.DOWN, 15));
        assertEquals(List.of("opened", "auto_resolved", "stale"), r.outcomes());
        assertEquals(Map.of(new BatchDecider.Source("lab", "http"), T0.plusSeconds(20)), r.marks());
    }
}

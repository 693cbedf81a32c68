package no.nhn.driftsvakt.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which changed incidents a planning run must plan. The planner's cursor reaches back to the oldest transaction that
 * was still running at its last run (outbox rows are not written in commit order, {@link no.nhn.driftsvakt.platform.Outbox#horizon}), so
 * some incidents it finds were planned already. This remembers, per incident, the newest outbox row already planned, so that only incidents
 * with a newer one are planned again. Memory only, per replica (another replica plans them once more: the
 * ledger keeps that from sending twice); thread-safe.
 */
final class PlannedEvents {

    /** Incident id → the newest outbox row of it that was planned (among those the last run found). */
    private final Map<String, Long> planned = new ConcurrentHashMap<>();

    /** Of these incidents (id → newest outbox row in the overlap), the ones with a row not planned yet. */
    List<String> unplanned(Map<String, Long> latest) {
        return latest.entrySet().stream().filter(e -> e.getValue() > planned.getOrDefault(e.getKey(), 0L))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** After a run committed: everything it found is planned; what left the overlap is never found again. */
    void planned(Map<String, Long> latest) {
        planned.keySet().retainAll(latest.keySet());
        planned.putAll(latest);
    }
}

package no.nhn.driftsvakt.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import no.nhn.driftsvakt.catalog.Check;

/**
 * Decides which owned checks are due. Pure and single-threaded by contract (callers synchronise): time comes in
 * as epoch milliseconds. A newly owned check runs within {@link #FIRST_RUN_WITHIN_MS} (status shows at once);
 * after that each check runs at its own phase of its interval, taken from a hash of its id, so ten thousand
 * checks at 30 s make a steady 333 probes a second rather than a burst every 30 s.
 */
final class ProbeScheduler {

    static final long FIRST_RUN_WITHIN_MS = 3_000;

    private record Entry(Check check, long due, long generation, boolean aligned) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, Check> checks = new HashMap<>();
    private long generation;

    /**
     * Replaces the set of checks this replica runs. Checks that stay keep their schedule unless their
     * definition changed; new ones get a first run soon.
     */
    void replace(Collection<Check> owned, long now) {
        Map<String, Check> next = new HashMap<>();
        owned.forEach(c -> next.put(c.id(), c));
        for (String id : Set.copyOf(checks.keySet())) {
            if (!next.containsKey(id) || !next.get(id).equals(checks.get(id))) {
                checks.remove(id);
                generations.remove(id);
            }
        }
        for (Check c : next.values()) {
            if (!checks.containsKey(c.id())) {
                checks.put(c.id(), c);
                long g = ++generation;
                generations.put(c.id(), g);
                long first = now + Math.floorMod(phase(c), Math.min(FIRST_RUN_WITHIN_MS, c.interval().toMillis()));
                queue.add(new Entry(c, first, g, false));
            }
        }
    }

    /** Where in its interval a check runs: stable per id, uniform over ids. */
    static long phase(Check c) {
        long h = c.id().hashCode() * 0x9E3779B97F4A7C15L;
        return Math.floorMod(h ^ (h >>> 29), c.interval().toMillis());
    }

    /** The first time after {@code after} that is at the check's phase of its interval. */
    static long nextAtPhase(Check c, long after) {
        long interval = c.interval().toMillis();
        long next = after - Math.floorMod(after, interval) + phase(c);
        return next <= after ? next + interval : next;
    }

    /** The checks due at {@code now}, each rescheduled one interval later; at most {@code limit}. */
    List<Check> due(long now, int limit) {
        List<Check> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().due <= now && out.size() < limit) {
            Entry e = queue.poll();
            Long current = generations.get(e.check.id());
            if (current == null || current != e.generation) {
                continue; // dropped or replaced since it was queued
            }
            out.add(e.check);
            long next = e.aligned ? e.due + e.check.interval().toMillis() : nextAtPhase(e.check, now);
            if (next <= now) {
                next = nextAtPhase(e.check, now); // fell behind: skip missed runs rather than burst
            }
            queue.add(new Entry(e.check, next, e.generation, true));
        }
        return out;
    }

    Set<String> ownedCheckIds() {
        return Set.copyOf(checks.keySet());
    }

    int size() {
        return checks.size();
    }
}

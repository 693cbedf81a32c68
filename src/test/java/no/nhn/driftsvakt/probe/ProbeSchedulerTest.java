package no.nhn.driftsvakt.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

class ProbeSchedulerTest {

    private static Check check(String id, int intervalSeconds) {
        return new Check(id, "comp", Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(1), 3, 2,
                new CheckSpec.Tcp("localhost", 1));
    }

    private static List<String> runUntil(ProbeScheduler s, long from, long to) {
        List<String> ran = new ArrayList<>();
        for (long t = from; t <= to; t += 100) {
            s.due(t, Integer.MAX_VALUE).forEach(c -> ran.add(c.id()));
        }
        return ran;
    }

    @Test
    void everyCheckRunsOncePerIntervalAfterAFirstRunWithinTheSpread() {
        ProbeScheduler s = new ProbeScheduler();
        s.replace(List.of(check("a", 10), check("b", 10), check("c", 5)), 0);

        List<String> first = runUntil(s, 0, ProbeScheduler.FIRST_RUN_SPREAD_MS);
        List<String> minute = runUntil(s, ProbeScheduler.FIRST_RUN_SPREAD_MS + 100, 60_000);

        assertEquals(Set.of("a", "b", "c"), Set.copyOf(first));
        assertEquals(first.size(), 3);
        assertTrue(minute.stream().filter("a"::equals).count() >= 5, minute.toString());
        assertTrue(minute.stream().filter("c"::equals).count() >= 11, minute.toString());
    }

    @Test
    void aCheckNoLongerOwnedStopsRunning() {
        ProbeScheduler s = new ProbeScheduler();
        s.replace(List.of(check("a", 1), check("b", 1)), 0);
        runUntil(s, 0, 5_000);

        s.replace(List.of(check("b", 1)), 5_000);

        assertEquals(Set.of("b"), Set.copyOf(runUntil(s, 5_100, 10_000)));
        assertEquals(Set.of("b"), s.ownedCheckIds());
    }

    @Test
    void aChangedDefinitionIsRescheduledWithItsNewInterval() {
        ProbeScheduler s = new ProbeScheduler();
        s.replace(List.of(check("a", 1)), 0);
        runUntil(s, 0, 5_000);

        s.replace(List.of(check("a", 10)), 5_000);
        List<String> ran = runUntil(s, 5_100, 30_000);

        assertTrue(ran.size() <= 4, ran.toString());
    }

    @Test
    void theLimitHoldsBackProbesUntilTheNextTick() {
        ProbeScheduler s = new ProbeScheduler();
        List<Check> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(check("c" + i, 30));
        }
        s.replace(many, 0);

        assertEquals(10, s.due(ProbeScheduler.FIRST_RUN_SPREAD_MS, 10).size());
        assertEquals(90, s.due(ProbeScheduler.FIRST_RUN_SPREAD_MS, 1000).size());
    }
}

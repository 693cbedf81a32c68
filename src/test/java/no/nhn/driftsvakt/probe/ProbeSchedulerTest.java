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
    void everyCheckRunsOncePerInterval() {
        ProbeScheduler s = new ProbeScheduler();
        s.replace(List.of(check("a", 10), check("b", 10), check("c", 5)), 0);

        runUntil(s, 0, 9_999); // the first run comes early, then each check keeps its phase
        List<String> minute = runUntil(s, 10_000, 69_999);

        assertEquals(6, minute.stream().filter("a"::equals).count(), minute.toString());
        assertEquals(6, minute.stream().filter("b"::equals).count(), minute.toString());
        assertEquals(12, minute.stream().filter("c"::equals).count(), minute.toString());
    }

    @Test
    void newChecksRunAtOnceThenSpreadEvenlyOverTheInterval() {
        ProbeScheduler s = new ProbeScheduler();
        List<Check> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(check("chk-" + i, 30));
        }
        s.replace(many, 0);

        assertEquals(3000, runUntil(s, 0, ProbeScheduler.FIRST_RUN_WITHIN_MS).size(), "all within 3 s");
        runUntil(s, ProbeScheduler.FIRST_RUN_WITHIN_MS + 100, 29_900);
        int[] perTenSeconds = new int[3];
        for (long t = 30_000; t < 60_000; t += 100) {
            perTenSeconds[(int) ((t - 30_000) / 10_000)] += s.due(t, Integer.MAX_VALUE).size();
        }

        for (int n : perTenSeconds) {
            assertTrue(n > 850 && n < 1150, java.util.Arrays.toString(perTenSeconds));
        }
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

        assertEquals(10, s.due(ProbeScheduler.FIRST_RUN_WITHIN_MS, 10).size());
        assertEquals(90, s.due(ProbeScheduler.FIRST_RUN_WITHIN_MS, 1000).size());
    }
}

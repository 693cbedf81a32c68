package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacingTest {

    /** Runs {@code n} times back to back (each asked for as soon as the last ended); returns the time taken. */
    private static long storm(Pacing p, long start, int n, long run) {
        long t = start;
        for (int i = 0; i < n; i++) {
            t += p.restMillis(t);
            t += run;
            p.ran(run, t);
        }
        return t - start;
    }

    @Test
    void atNormalLoadOnlyTheGap() {
        Pacing p = new Pacing(10, 2, 2000, 0);
        long t = 0;
        for (int i = 0; i < 100; i++) { // two runs of 80 ms a second, the second 160 ms after the first
            assertEquals(10, p.restMillis(t), "run " + i);
            p.ran(80, t + 90);
            assertEquals(10, p.restMillis(t + 160), "right after another run " + i);
            p.ran(80, t + 250);
            t += 500;
        }
    }

    @Test
    void inAStormAtMostAThirdOfTheTimeRunningWithFactorTwo() {
        Pacing p = new Pacing(10, 2, 2000, 0);
        long warm = storm(p, 0, 20, 300); // the credit saved while idle is spent first
        long took = storm(p, warm, 100, 300);
        double share = 100 * 300.0 / took;
        assertTrue(share > 0.32 && share < 0.34, "share running " + share);
        assertEquals(600, p.restMillis(warm + took), "rests twice the last run once the credit is spent");
    }

    @Test
    void factorOneIsHalfTheTime() {
        Pacing p = new Pacing(10, 1, 5000, 0);
        long warm = storm(p, 0, 50, 200);
        long took = storm(p, warm, 100, 200);
        double share = 100 * 200.0 / took;
        assertTrue(share > 0.49 && share < 0.51, "share running " + share);
    }

    @Test
    void neverLongerThanTheIntervalAndTheBurstIsBounded() {
        Pacing p = new Pacing(10, 2, 2000, 0);
        p.ran(10_000, 10_000); // one very long run
        assertEquals(2000, p.restMillis(10_000));
        Pacing idle = new Pacing(10, 2, 2000, 0);
        assertEquals(10, idle.restMillis(1_000_000), "a long idle time");
        idle.ran(600, 1_000_600); // the credit a long idle time gives is capped at 2000 / 3 ms of running
        assertEquals(10, idle.restMillis(1_000_600));
        idle.ran(600, 1_001_200);
        assertTrue(idle.restMillis(1_001_200) > 10, "the second long run in a row waits");
    }

    @Test
    void aVeryLongRunCostsOneFullRestNotItsLength() {
        Pacing p = new Pacing(10, 2, 2000, 0);
        p.ran(30_000, 30_000); // e.g. a database outage: the run waited for its connection
        assertEquals(2000, p.restMillis(30_000));
        assertEquals(10, p.restMillis(32_000), "after one full rest the next run starts at once");
    }
}

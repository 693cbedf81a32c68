package no.nhn.driftsvakt.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void tenPerSecondLetsABurstOfTenGoThenSpacesThem100msApart() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(10, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, r.reserve(), "the first second's worth goes at once");
        }
        assertEquals(100_000_000L, r.reserve(), 1_000);
        assertEquals(200_000_000L, r.reserve(), 1_000);
        now.set(1_000_000_000L); // a second later the debt is paid and one more token earned... up to the cap
        assertEquals(0, r.reserve());
    }

    @Test
    void overAMinuteTheRateHolds() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(10, now::get);
        int sent = 0;
        while (now.get() < 60_000_000_000L) {
            long wait = r.reserve();
            now.addAndGet(wait);
            if (now.get() < 60_000_000_000L) {
                sent++;
            }
        }
        assertEquals(610, sent, 1, "10 per second for 60 s plus the first burst");
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter r = new RateLimiter(0, () -> 0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, r.reserve());
        }
    }
}

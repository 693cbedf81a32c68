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

    @Test
    void aStrugglingProviderHoldsTheChannelBackLongerEachTimeUntilItTakesAMessage() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(10, now::get);
        assertEquals(0, r.reserve());
        assertEquals(java.time.Duration.ofMillis(250), r.penalize(null));
        assertEquals(250_000_000L, r.reserve(), "the next message waits out the pause");
        now.set(250_000_000L);
        assertEquals(java.time.Duration.ofMillis(500), r.penalize(null), "doubles while it keeps failing");
        assertEquals(java.time.Duration.ofSeconds(1), r.penalize(null));
        for (int i = 0; i < 10; i++) {
            r.penalize(null);
        }
        assertEquals(java.time.Duration.ofSeconds(10), r.penalize(null), "capped at 10 s");
        r.recovered();
        now.addAndGet(10_000_000_000L);
        assertEquals(0, r.reserve(), "after the pause and a success, full speed again");
        assertEquals(java.time.Duration.ofMillis(250), r.penalize(null), "and the next failure starts small");
    }

    @Test
    void theProvidersRetryAfterIsRespectedWhenLongerThanOurOwnPauseEvenWithoutARateLimit() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(0, now::get);
        assertEquals(java.time.Duration.ofSeconds(30), r.penalize(java.time.Duration.ofMinutes(5)),
                "the channel waits at most 30 s (the batch in hand must not outwait Kafka)");
        assertEquals(30_000_000_000L, r.reserve());
        now.set(30_000_000_000L);
        assertEquals(0, r.reserve());
    }

    @Test
    void aThirtySecondWindowOf429CostsAHandfulOfCallsNotThreeHundred() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(10, now::get);
        int calls = 0;
        while (now.get() < 30_000_000_000L) {
            now.addAndGet(r.reserve());
            calls++; // each call answered 429
            r.penalize(null);
        }
        assertEquals(true, calls <= 10, "calls during 30 s of 429: " + calls);
    }
}

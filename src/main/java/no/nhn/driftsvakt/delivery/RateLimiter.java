package no.nhn.driftsvakt.delivery;

import java.util.function.LongSupplier;

/**
 * Keeps one sender to a provider's rate (e.g. 10 SMS per second): a token bucket holding at most one second of
 * messages; {@link #acquire} waits for the next token. Zero or less means no limit.
 */
public final class RateLimiter {

    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = Math.max(1, perSecond);
        this.last = nanoTime.getAsLong();
    }

    /** @return nanoseconds to wait before the next message may go (0: now); takes the token */
    public synchronized long reserve() {
        if (perSecond <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) / 1e9 * perSecond);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }

    /** Waits until the next message may go. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

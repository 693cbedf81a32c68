package no.nhn.driftsvakt.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps one sender to a provider's rate (e.g. 10 SMS per second): a token bucket holding at most one second of
 * messages; {@link #acquire} waits for the next token. Zero or less means no limit.
 * <p>
 * It also backs off the whole channel when the provider is in trouble: after a 429, a 5xx or no answer,
 * {@link #penalize} holds every message back for a pause that doubles with each failure in a row (250 ms up to
 * 10 s), or for the provider's {@code Retry-After} (up to 30 s) when that is longer; the first success ({@link #recovered})
 * ends it. So an outage costs a few probing calls, not one call per queued message.
 */
public final class RateLimiter {

    static final Duration PAUSE_BASE = Duration.ofMillis(250);
    static final Duration PAUSE_CAP = Duration.ofSeconds(10);
    static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(30);

    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private long pausedUntil;
    private int failuresInARow;

    public RateLimiter(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = Math.max(1, perSecond);
        this.last = nanoTime.getAsLong();
        this.pausedUntil = last;
    }

    /** @return nanoseconds to wait before the next message may go (0: now); takes the token */
    public synchronized long reserve() {
        long now = nanoTime.getAsLong();
        long paused = Math.max(0, pausedUntil - now);
        if (perSecond <= 0) {
            return paused;
        }
        tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) / 1e9 * perSecond);
        last = now;
        tokens -= 1;
        long wait = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        return Math.max(wait, paused);
    }

    /**
     * The provider refused or did not answer: hold the channel back.
     *
     * @param retryAfter how long the provider asked us to wait, or {@code null}
     * @return the pause now in force
     */
    public synchronized Duration penalize(Duration retryAfter) {
        failuresInARow = Math.min(failuresInARow + 1, 30);
        long own = Math.min(PAUSE_CAP.toNanos(), PAUSE_BASE.toNanos() << Math.min(20, failuresInARow - 1));
        // the channel waits at most RETRY_AFTER_CAP for the provider (the message itself waits all of Retry-After)
        long pause = Math.max(own, retryAfter == null ? 0 : Math.min(RETRY_AFTER_CAP.toNanos(), retryAfter.toNanos()));
        pausedUntil = Math.max(pausedUntil, nanoTime.getAsLong() + pause);
        return Duration.ofNanos(pause);
    }

    /** The provider took a message: no more pause after this one. */
    public synchronized void recovered() {
        failuresInARow = 0;
    }

    /** Waits until the next message may go. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

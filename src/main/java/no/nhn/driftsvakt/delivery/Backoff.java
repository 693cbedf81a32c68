package no.nhn.driftsvakt.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: a random wait between zero and base × 2^(attempt-1), capped. Pure. */
public record Backoff(Duration base, Duration cap) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    /** @param attempt 1 for the first retry; {@code random} gives [0, 1) */
    public Duration delay(int attempt, DoubleSupplier random) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
}

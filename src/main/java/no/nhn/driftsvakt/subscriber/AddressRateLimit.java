package no.nhn.driftsvakt.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most N attempts per client address in a sliding window (the self-service page: 5 an hour). Remembers the
 * most recent 10,000 addresses; per replica, so with R replicas a client may get R × N. Pure.
 */
public final class AddressRateLimit {

    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > 10_000;
        }
    };

    public AddressRateLimit(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** @return zero if allowed (and counted), else how long until the next attempt is allowed */
    public synchronized Duration attempt(String address, Instant now) {
        Deque<Instant> times = seen.computeIfAbsent(address, a -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.size() >= max) {
            return Duration.between(now, times.peekFirst().plus(window));
        }
        times.addLast(now);
        return Duration.ZERO;
    }
}

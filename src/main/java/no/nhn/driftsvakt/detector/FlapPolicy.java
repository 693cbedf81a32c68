package no.nhn.driftsvakt.detector;

import java.time.Duration;

/**
 * A check whose raw result flips more than {@code maxFlips} times within {@code window} is flapping. It stops
 * flapping once flips in the window fall to half of that and a threshold holds again.
 */
public record FlapPolicy(int maxFlips, Duration window) {
    public static final FlapPolicy DEFAULT = new FlapPolicy(5, Duration.ofMinutes(10));
}

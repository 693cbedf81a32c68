package no.nhn.driftsvakt.platform;

/**
 * How long a background loop that recomputes from the database (correlator, notification planner) rests before its
 * next run: at least {@code least} (to coalesce a burst of wake-ups), and {@code factor} times as long as its last
 * run took, capped at {@code most} (its interval). At normal load a run takes milliseconds and only {@code least}
 * counts; in a storm, when a run takes hundreds of milliseconds, the loop uses at most 1 / (1 + factor) of a core
 * and the incident engine keeps the rest (bench/kafka).
 */
public final class Pacing {

    private Pacing() {
    }

    public static long restMillis(long least, long lastRun, int factor, long most) {
        return Math.max(least, Math.min(factor * lastRun, most));
    }
}

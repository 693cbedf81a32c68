package no.nhn.driftsvakt.platform;

/**
 * How long a background loop that recomputes from the database (correlator, notification planner) rests before its
 * next run. The loop may spend 1 / (1 + {@code factor}) of the time running; what it did not use while idle it may
 * spend later in a burst, up to {@code most} / (1 + {@code factor}) of run time. So at normal load, when a few
 * runs a second each take milliseconds, a run starts {@code least} after it is asked for (to coalesce a burst of
 * wake-ups), even right after another run; in a storm, when runs follow each other and take hundreds of
 * milliseconds, the loop rests {@code factor} times as long as it ran, never longer than {@code most} (its
 * interval), and the incident engine keeps the rest of the core (bench/kafka).
 *
 * <p>Resting in proportion to the last run alone, whatever the loop did before, held a new incident back by twice
 * a 100 ms run that had only just finished: the p99 signal → problem (bench/pipeline, run 18).
 *
 * <p>Not thread-safe: one per loop, used by its thread. Times are milliseconds on a monotonic clock.
 */
public final class Pacing {

    private final long least;
    private final int factor;
    private final long most;
    private final double cap;
    private double credit;
    private long at;

    public Pacing(long least, int factor, long most, long now) {
        this.least = least;
        this.factor = factor;
        this.most = most;
        this.cap = most / (1.0 + factor);
        this.credit = cap;
        this.at = now;
    }

    /** How long to rest before a run wanted at {@code now}. */
    public long restMillis(long now) {
        accrue(now);
        long owed = credit >= 0 ? 0 : (long) Math.ceil(-credit * (1 + factor));
        return Math.max(least, Math.min(owed, most));
    }

    /**
     * A run of {@code millis} ended at {@code now}. The debt a run leaves is at most one full rest: a run that took
     * far longer than the interval (a slow database, a lock held by another replica, an outage) must not hold the
     * loop back for as long again afterwards.
     */
    public void ran(long millis, long now) {
        accrue(now);
        credit = Math.max(credit - millis, -cap);
    }

    /** Milliseconds on a monotonic clock. */
    public static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void accrue(long now) {
        credit = Math.min(cap, credit + Math.max(0, now - at) / (1.0 + factor));
        at = Math.max(at, now);
    }
}

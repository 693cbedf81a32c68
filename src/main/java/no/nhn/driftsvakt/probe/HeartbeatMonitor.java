package no.nhn.driftsvakt.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * Heartbeat checks: remembers when each owned check was last pinged; a probe fails when the silence is longer
 * than the interval plus grace. A check newly owned by this replica gets a full interval before it can fail.
 */
final class HeartbeatMonitor implements Prober {

    private final Clock clock;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    HeartbeatMonitor(Clock clock) {
        this.clock = clock;
    }

    void ping(String checkId, Instant at) {
        lastSeen.merge(checkId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    void owned(String checkId) {
        lastSeen.putIfAbsent(checkId, Instant.now(clock));
    }

    void released(String checkId) {
        lastSeen.remove(checkId);
    }

    @Override
    public Future<ProbeOutcome> probe(Check check) {
        return Future.succeededFuture(judge(check, Instant.now(clock)));
    }

    ProbeOutcome judge(Check check, Instant now) {
        CheckSpec.Heartbeat spec = (CheckSpec.Heartbeat) check.spec();
        Instant seen = lastSeen.get(check.id());
        Duration allowed = check.interval().plus(spec.grace());
        if (seen == null) {
            return ProbeOutcome.failure(FailureReason.HEARTBEAT_MISSED, 0, "no heartbeat received yet");
        }
        Duration silence = Duration.between(seen, now);
        if (silence.compareTo(allowed) > 0) {
            return ProbeOutcome.failure(FailureReason.HEARTBEAT_MISSED, 0,
                    "no heartbeat for " + silence.toSeconds() + " s (allowed " + allowed.toSeconds() + " s)");
        }
        return ProbeOutcome.success(0);
    }
}

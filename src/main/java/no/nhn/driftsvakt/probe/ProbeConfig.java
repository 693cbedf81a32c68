package no.nhn.driftsvakt.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Probe engine settings. */
@ConfigMapping(prefix = "driftsvakt.probe")
public interface ProbeConfig {

    /** Run probes on this replica. Off for replicas that only serve pages or process events. */
    @WithDefault("true")
    boolean enabled();

    /** The network zone this replica probes from; each location runs every check (its own consumer group). */
    @WithDefault("local")
    String location();

    /**
     * Every location the deployment probes from (e.g. {@code oslo,bergen,trondheim}); the detector names those
     * that go silent and judges a check down only on a quorum of them ({@code driftsvakt.detector.quorum}).
     * Absent: this replica's {@link #location()} only.
     */
    Optional<List<String>> locations();

    /** How often the scheduler looks for due checks. */
    @WithDefault("100ms")
    Duration tick();

    /** Upper bound on probes in flight at once; beyond it a due probe waits for the next tick. */
    @WithDefault("5000")
    int maxInFlight();

    /** Kafka consumer session timeout of the probe group: how long before a silent replica's checks move. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** User-Agent sent by HTTP probes. */
    @WithDefault("Driftsvakt-probe/1 (+https://www.nhn.no)")
    String userAgent();

    /** Largest response body read for body and JSON conditions; the rest is discarded. */
    @WithDefault("65536")
    int maxBodyBytes();
}

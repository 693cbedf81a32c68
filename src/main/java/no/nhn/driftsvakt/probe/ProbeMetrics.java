package no.nhn.driftsvakt.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Probe latency and failures by reason; meters are created once and cached, as probes are hot. */
final class ProbeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Counter dropped;

    ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dropped = Counter.builder("driftsvakt.probe.results.dropped")
                .description("Probe results that could not be handed to Kafka").register(registry);
    }

    void record(String type, ProbeOutcome outcome) {
        String outcomeTag = outcome.ok() ? "success" : "failure";
        timers.computeIfAbsent(type + outcomeTag, k -> Timer.builder("driftsvakt.probe.duration")
                .description("Probe latency").tag("type", type).tag("outcome", outcomeTag)
                .publishPercentileHistogram(false).register(registry))
                .record(outcome.latencyMs(), TimeUnit.MILLISECONDS);
        if (!outcome.ok()) {
            String reason = outcome.reason().name().toLowerCase(java.util.Locale.ROOT);
            failures.computeIfAbsent(type + reason, k -> Counter.builder("driftsvakt.probe.failures")
                    .description("Failed probes by reason").tag("type", type).tag("reason", reason)
                    .register(registry)).increment();
        }
    }

    void dropped() {
        dropped.increment();
    }
}

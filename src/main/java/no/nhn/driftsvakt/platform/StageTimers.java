package no.nhn.driftsvakt.platform;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-stage latency of the signal → incident → problem pipeline, as {@code driftsvakt.pipeline.stage{stage=...}}
 * with fixed buckets (5 ms … 5 s) so a p99 can be read from {@code /q/metrics} without a tracing backend. Stages:
 * {@code engine_wait} (oldest signal of a batch: its {@code at} until the incident engine starts on the batch),
 * {@code engine_batch} (one batch: decisions, database, commit), {@code outbox_wait} (oldest event relayed: its
 * insert until the broker acknowledged it), {@code correlation_wait} (first request after a run until the next run
 * starts), and a correlation run's {@code correlation_read} (facts, pins, existing problems), {@code
 * correlation_decide} (correlator and planner) and {@code correlation_save} (writes and commit).
 */
public final class StageTimers {

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private StageTimers() {
    }

    /** The stage's timer: registered on first use, the same one after that (Micrometer keeps one per name and tags). */
    public static Timer of(MeterRegistry registry, String stage) {
        // Plain ASCII: one character outside Latin-1 (an arrow) made the whole scrape text UTF-16, and encoding it
        // took 5 % of the service's CPU while bench/kafka polled /q/metrics four times a second.
        return Timer.builder("driftsvakt.pipeline.stage").tag("stage", stage)
                .description("Latency of one stage of the signal -> problem pipeline")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }
}

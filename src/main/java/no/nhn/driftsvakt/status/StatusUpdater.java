package no.nhn.driftsvakt.status;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalReader;

/**
 * Consumes {@code driftsvakt.signals}, folds each into its component's state and publishes the new state to
 * {@code driftsvakt.status}; a change of status is also written to PostgreSQL. The offset is committed only
 * after the new state is acknowledged by the broker (at-least-once; the projector is idempotent).
 */
@ApplicationScoped
public class StatusUpdater {

    private static final Logger LOG = Logger.getLogger(StatusUpdater.class);

    private final Map<String, ComponentState> own = new ConcurrentHashMap<>();

    @Inject
    StatusView view;

    @Inject
    CatalogService catalogs;

    @Inject
    StatusChangeRepository history;

    @Inject
    SignalReader reader;

    @Inject
    Clock clock;

    @Inject
    @Channel(Topics.Channels.STATUS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, ComponentState>> status;



    private final Counter unknownComponent;
    private final Counter historyFailures;
    private final Counter invalid;
    private final Timer latency;

    @Inject
    StatusUpdater(MeterRegistry registry) {
        unknownComponent = Counter.builder("driftsvakt.signals.ignored").tag("reason", "unknown_component")
                .description("Signals about components not in the catalog").register(registry);
        invalid = Counter.builder("driftsvakt.signals.ignored").tag("reason", "invalid")
                .description("Signals that could not be read").register(registry);
        historyFailures = Counter.builder("driftsvakt.status.history.failures")
                .description("Status changes that could not be written to the database").register(registry);
        latency = Timer.builder("driftsvakt.pipeline.latency").tag("stage", "status")
                .description("Time from the signal's event time until its status is published").register(registry);
    }

    @Incoming(Topics.Channels.SIGNALS_IN)
    @Blocking(ordered = true)
    public void onSignals(ConsumerRecords<String, String> records) throws Exception {
        view.awaitCaughtUp(Duration.ofSeconds(30));
        List<CompletableFuture<Void>> effects = new ArrayList<>();
        List<StatusChangeRepository.StatusChange> changes = new ArrayList<>();
        Map<String, ComponentState> latest = new java.util.LinkedHashMap<>();
        List<Signal> signals = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                SignalReader.Contents c = reader.readAll(record.value());
                signals.addAll(c.signals());
                invalid.increment(c.invalid().size());
            } catch (RuntimeException e) {
                // The incident consumer (the system of record) dead-letters it; here it is only skipped.
                invalid.increment();
            }
        }
        for (Signal s : signals) {
            if (Signal.CUSTOMER_REPORT.equals(s.source())) {
                continue; // evidence for the console, not status: one anonymous report must not change driftsweb
            }
            if (catalogs.current().component(s.component()).isEmpty()) {
                unknownComponent.increment();
                LOG.warnf("Signal %s names unknown component '%s'; ignored", s.id(), s.component());
                continue;
            }
            ComponentState prev = newer(own.get(s.component()), view.state(s.component()).orElse(null));
            Optional<ComponentState> next = StatusProjector.apply(prev, s);
            if (next.isEmpty()) {
                continue;
            }
            own.put(s.component(), next.get());
            latest.put(s.component(), next.get());
            latency.record(Math.max(0, Duration.between(s.at(), Instant.now(clock)).toMillis()), TimeUnit.MILLISECONDS);
            ComponentStatus before = prev == null ? null : prev.status();
            if (before != next.get().status()) {
                LOG.infof("Component %s: %s -> %s (%s)", s.component(), before == null ? "unknown" : before.wire(),
                        next.get().status().wire(), s.summary());
                changes.add(new StatusChangeRepository.StatusChange(s.component(), before, next.get().status(),
                        s.summary(), s.id(), s.at()));
            }
        }
        // One status record per component and batch: its latest state (the topic is compacted anyway).
        latest.forEach((component, state) -> effects.add(status.send(Record.of(component, state)).toCompletableFuture()));
        // Commit only after every new state is on the broker. If the broker does not take them (after the
        // producer's own retries), the batch fails, the channel stops and nothing is committed: the batch is
        // redelivered after restart, and the projector is idempotent.
        CompletableFuture.allOf(effects.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        try {
            history.recordAll(changes);
        } catch (SQLException e) {
            historyFailures.increment(changes.size());
            LOG.warnf("%d status changes not written to the database: %s", changes.size(), e.toString());
        }
    }

    /** After a rebalance the view may know a newer state than this replica's cache. */
    private static ComponentState newer(ComponentState a, ComponentState b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.updatedAt().isAfter(a.updatedAt()) ? b : a;
    }
}

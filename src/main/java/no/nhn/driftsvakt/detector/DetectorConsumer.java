package no.nhn.driftsvakt.detector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.nhn.driftsvakt.catalog.CatalogChanged;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.platform.DeadLetters;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.probe.ProbeResult;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalPublisher;
import no.nhn.driftsvakt.signal.SignalState;
import no.nhn.driftsvakt.status.StatusView;

/**
 * Consumes {@code driftsvakt.probe-results} and publishes a signal on {@code driftsvakt.signals} for every
 * transition the detector decides. The offset is committed after the signal is acknowledged; the signal id is
 * derived from the transition, so a redelivered result yields the same id and the projection ignores it.
 */
@ApplicationScoped
public class DetectorConsumer {

    private static final Logger LOG = Logger.getLogger(DetectorConsumer.class);

    private volatile Detector detector;
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Timer latency;

    @Inject
    CatalogService catalogs;

    @Inject
    StatusView view;

    @Inject
    DetectorConfig config;

    @Inject
    no.nhn.driftsvakt.probe.ProbeConfig probeConfig;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    SignalPublisher signals;

    @Inject
    DeadLetters deadLetters;

    @Inject
    DetectorConsumer(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("driftsvakt.pipeline.latency").tag("stage", "detector")
                .description("Time from the probe's start until the detector has judged its result")
                .register(registry);
    }

    @Incoming(Topics.Channels.PROBE_RESULTS_IN)
    public CompletionStage<Void> onResults(ConsumerRecords<String, String> records) {
        List<CompletableFuture<Void>> effects = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            List<Signal> out;
            try {
                out = onResult(parse(record.value()));
            } catch (RuntimeException e) {
                effects.add(deadLetters.send(record, e.getMessage()).toCompletableFuture());
                continue;
            }
            out.forEach(s -> effects.add(signals.publish(s).toCompletableFuture()));
        }
        return CompletableFuture.allOf(effects.toArray(CompletableFuture[]::new));
    }

    private ProbeResult parse(String value) {
        try {
            ProbeResult r = json.readValue(value, ProbeResult.class);
            if (r == null || r.checkId() == null || r.at() == null || r.location() == null) {
                throw new IllegalArgumentException("not a probe result: checkId, location or at is missing");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a probe result: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The signals a result causes: none unless it completes a transition (or, with a quorum, changes a note). */
    List<Signal> onResult(ProbeResult r) {
        latency.record(Math.max(0, Duration.between(r.at(), Instant.now(clock)).toMillis()), TimeUnit.MILLISECONDS);
        Optional<Check> check = catalogs.current().check(r.checkId());
        if (check.isEmpty()) {
            return List.of(); // the check left the catalog
        }
        if (check.get().type() == no.nhn.driftsvakt.catalog.CheckType.SUPPLIER) {
            return supplier(check.get(), r).stream().toList();
        }
        Optional<Detector.QuorumPolicy> policy = quorumPolicy(check.get());
        if (policy.isPresent()) {
            return quorum(check.get(), r, policy.get());
        }
        Detector d = detector();
        Optional<Transition> t;
        synchronized (d) {
            t = d.accept(check.get(), r);
        }
        if (t.isEmpty()) {
            return List.of();
        }
        Transition tr = t.get();
        count(tr);
        SignalState state = switch (tr.to()) {
            case UP, UNKNOWN -> SignalState.UP;
            case DOWN -> SignalState.DOWN;
            case FLAPPING -> SignalState.DEGRADED;
        };
        String sourceKey = Detector.sourceKey(r.checkId(), r.location());
        LOG.infof("Check %s at %s: %s -> %s (%s)", r.checkId(), r.location(), tr.from(), tr.to(), tr.reason());
        return List.of(new Signal(sourceKey + ":" + tr.at().toEpochMilli() + ":" + state.wire(), "probe",
                r.componentId(), state, tr.summary(),
                Map.of("check", r.checkId(), "location", r.location(), "reason",
                        tr.reason().name().toLowerCase(java.util.Locale.ROOT), "probeReason",
                        r.reason().name().toLowerCase(java.util.Locale.ROOT)), tr.at(), sourceKey));
    }

    /**
     * The quorum that applies to a check, if it is judged across locations: when more than one location is
     * configured, or the check (or the deployment) asks for a quorum above 1. Otherwise empty: each location's
     * result is its own source, as before quorums existed.
     */
    Optional<Detector.QuorumPolicy> quorumPolicy(Check check) {
        List<String> locations = probeConfig.locations().filter(l -> !l.isEmpty())
                .orElse(List.of(probeConfig.location()));
        int quorum = check.quorum() != null ? check.quorum() : config.quorum();
        if (locations.size() <= 1 && quorum <= 1) {
            return Optional.empty();
        }
        return Optional.of(new Detector.QuorumPolicy(locations, quorum, config.quorumFloor(),
                config.locationStaleIntervals()));
    }

    private List<Signal> quorum(Check check, ProbeResult r, Detector.QuorumPolicy policy) {
        Detector d = detector();
        Detector.Judgement j;
        synchronized (d) {
            j = d.judge(check, r, policy);
        }
        j.location().ifPresent(tr -> {
            count(tr);
            LOG.infof("Check %s at %s: %s -> %s (%s)", r.checkId(), r.location(), tr.from(), tr.to(), tr.reason());
        });
        if (j.isEmpty()) {
            return List.of();
        }
        return QuorumSignals.of(check, r, j);
    }

    /** The last level each supplier check reported, per source key: a signal only when it changes. */
    private final java.util.concurrent.ConcurrentHashMap<String, SignalState> supplierLevels =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A supplier's own status page already debounces: its level is taken as it is (no thresholds, no flap
     * detection), and a signal goes out whenever it changes (and once after a start, which repeats a known state
     * harmlessly).
     */
    Optional<Signal> supplier(no.nhn.driftsvakt.catalog.Check check, ProbeResult r) {
        SignalState state = r.ok() ? SignalState.UP
                : r.reason() == no.nhn.driftsvakt.probe.FailureReason.SUPPLIER_OUTAGE ? SignalState.DOWN
                : SignalState.DEGRADED;
        String sourceKey = Detector.sourceKey(r.checkId(), r.location());
        if (supplierLevels.put(sourceKey, state) == state) {
            return Optional.empty();
        }
        String supplier = check.spec() instanceof no.nhn.driftsvakt.catalog.CheckSpec.Supplier s
                ? String.valueOf(s.url().getHost()) : "";
        LOG.infof("Supplier check %s: %s (%s)", r.checkId(), state.wire(), r.detail());
        return Optional.of(new Signal(sourceKey + ":" + r.at().toEpochMilli() + ":" + state.wire(), "supplier-status",
                r.componentId(), state, "Leverandøren melder / supplier reports: " + r.detail(),
                Map.of("check", r.checkId(), "location", r.location(), "supplier", supplier), r.at(), sourceKey));
    }

    private Detector detector() {
        Detector d = detector;
        if (d == null) {
            synchronized (this) {
                if (detector == null) {
                    detector = new Detector(new FlapPolicy(config.flapMaxFlips(), config.flapWindow()),
                            key -> view.knownCheckState(componentOf(key), key),
                            checkId -> view.knownNotes(componentOf(checkId), checkId),
                            checkId -> view.knownSince(componentOf(checkId), checkId));
                }
                d = detector;
            }
        }
        return d;
    }

    /** The component of a source key: {@code check@location}, or a check id (quorum mode). */
    private String componentOf(String sourceKey) {
        int at = sourceKey.lastIndexOf('@');
        String checkId = at < 0 ? sourceKey : sourceKey.substring(0, at);
        return catalogs.current().check(checkId).map(Check::componentId).orElse("");
    }

    private void count(Transition t) {
        String reason = t.reason().name().toLowerCase(java.util.Locale.ROOT);
        transitions.computeIfAbsent(reason, k -> Counter.builder("driftsvakt.detector.transitions")
                .description("Check state transitions decided by the detector").tag("reason", k)
                .register(registry)).increment();
    }

    void onCatalogChanged(@Observes CatalogChanged changed) {
        Detector d = detector;
        if (d == null) {
            return;
        }
        synchronized (d) {
            for (Check old : changed.previous().checks()) {
                if (!changed.current().check(old.id()).map(old::equals).orElse(false)) {
                    d.forget(old.id());
                }
            }
        }
    }
}

package no.nhn.driftsvakt.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.core.Vertx;
import no.nhn.driftsvakt.catalog.CatalogChanged;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckType;
import no.nhn.driftsvakt.platform.Topics;

/**
 * Runs the checks this replica owns: joins the probe group of its location, schedules owned checks, runs them on
 * non-blocking I/O and publishes every result to {@code driftsvakt.probe-results}, keyed by check id.
 */
@ApplicationScoped
public class ProbeEngine {

    private static final Logger LOG = Logger.getLogger(ProbeEngine.class);

    private final Vertx vertx;
    private final Clock clock;
    private final ProbeConfig config;
    private final CatalogService catalogs;
    private final Emitter<Record<String, ProbeResult>> results;
    private final MeterRegistry registry;
    private final String bootstrap;
    private final ProbeScheduler scheduler = new ProbeScheduler();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<CheckType, Prober> probers = new EnumMap<>(CheckType.class);
    private HeartbeatMonitor heartbeats;
    private HttpProber http;
    private ProbeMetrics metrics;
    private ProbeGroupMember member;
    private volatile Set<Integer> ownedPartitions = Set.of();
    private long timerId = -1;

    @Inject
    ProbeEngine(Vertx vertx, Clock clock, ProbeConfig config, CatalogService catalogs,
                @Channel(Topics.Channels.PROBE_RESULTS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                        bufferSize = 20_000) Emitter<Record<String, ProbeResult>> results,
                MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.catalogs = catalogs;
        this.results = results;
        this.registry = registry;
        this.bootstrap = bootstrap;
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            LOG.info("Probing is switched off on this replica (driftsvakt.probe.enabled=false)");
            return;
        }
        metrics = new ProbeMetrics(registry);
        heartbeats = new HeartbeatMonitor(clock);
        http = new HttpProber(vertx, clock, config);
        probers.put(CheckType.HTTP, http);
        probers.put(CheckType.TCP, new TcpProber(vertx));
        probers.put(CheckType.DNS, new DnsProber(vertx));
        probers.put(CheckType.HEARTBEAT, heartbeats);
        probers.put(CheckType.SUPPLIER, new SupplierProber(clock));
        Gauge.builder("driftsvakt.probe.owned.checks", scheduler, s -> size())
                .description("Checks this replica runs").register(registry);
        Gauge.builder("driftsvakt.probe.inflight", inFlight, AtomicInteger::get)
                .description("Probes in flight").register(registry);
        timerId = vertx.setPeriodic(config.tick().toMillis(), id -> tick());
        member = new ProbeGroupMember(bootstrap, groupId(), Topics.PROBE_WORK.name(), config.sessionTimeout(),
                new ProbeGroupMember.Listener() {
                    @Override
                    public void ownership(Set<Integer> partitions) {
                        ownedPartitions = partitions;
                        reassign();
                    }

                    @Override
                    public void heartbeat(String checkId, Instant at) {
                        heartbeats.ping(checkId, at);
                    }
                }).start();
        LOG.infof("Probe engine started at location '%s' in group %s", config.location(), groupId());
    }

    String groupId() {
        return "driftsvakt-probe-" + config.location();
    }

    void onCatalogChanged(@Observes CatalogChanged changed) {
        if (member != null) {
            reassign();
        }
    }

    /** The checks this replica runs now. */
    public Set<String> ownedCheckIds() {
        synchronized (scheduler) {
            return scheduler.ownedCheckIds();
        }
    }

    public Set<Integer> ownedPartitions() {
        return ownedPartitions;
    }

    private int size() {
        synchronized (scheduler) {
            return scheduler.size();
        }
    }

    private void reassign() {
        Set<Integer> partitions = ownedPartitions;
        int n = Topics.PROBE_WORK.partitions();
        List<Check> owned = catalogs.current().checks().stream()
                .filter(c -> partitions.contains(CheckPartitioner.partition(c.id(), n))).toList();
        Set<String> before;
        synchronized (scheduler) {
            before = scheduler.ownedCheckIds();
            scheduler.replace(owned, clock.millis());
        }
        for (Check c : owned) {
            if (c.type() == CheckType.HEARTBEAT) {
                heartbeats.owned(c.id());
            }
        }
        before.stream().filter(id -> owned.stream().noneMatch(c -> c.id().equals(id))).forEach(heartbeats::released);
        LOG.infof("Probing %d of %d checks (partitions %s)", owned.size(), catalogs.current().checks().size(),
                partitions);
    }

    private void tick() {
        List<Check> due;
        synchronized (scheduler) {
            due = scheduler.due(clock.millis(), Math.max(0, config.maxInFlight() - inFlight.get()));
        }
        for (Check check : due) {
            run(check);
        }
    }

    /** Supplier checks whose page could not be read at the last try. */
    private final java.util.Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void run(Check check) {
        inFlight.incrementAndGet();
        Instant at = Instant.now(clock);
        probers.get(check.type()).probe(check).onComplete(ar -> {
            inFlight.decrementAndGet();
            ProbeOutcome o = ar.succeeded() ? ar.result()
                    : ProbeOutcome.failure(FailureReason.ERROR, 0, Prober.describe(ar.cause()));
            metrics.record(check.type().id(), o);
            if (o.reason() == FailureReason.SUPPLIER_UNREADABLE) {
                // No evidence about the supplier's service either way: keep the last state. Warn once per spell.
                if (unreadable.add(check.id())) {
                    LOG.warnf("Supplier status for check %s not read (the last state stays): %s", check.id(), o.detail());
                }
                return;
            }
            if (check.type() == CheckType.SUPPLIER && unreadable.remove(check.id())) {
                LOG.infof("Supplier status for check %s read again", check.id());
            }
            publish(new ProbeResult(check.id(), check.componentId(), check.type().id(), config.location(), o.ok(),
                    o.reason(), o.latencyMs(), o.detail(), o.certDaysLeft(), at));
        });
    }

    private void publish(ProbeResult r) {
        try {
            results.send(Record.of(r.checkId(), r)).exceptionally(t -> {
                metrics.dropped();
                LOG.debugf("Probe result for %s not published: %s", r.checkId(), t.toString());
                return null;
            });
        } catch (RuntimeException e) {
            metrics.dropped();
            LOG.debugf("Probe result for %s not published: %s", r.checkId(), e.toString());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (member != null) {
            member.close();
        }
        if (http != null) {
            http.close();
        }
    }
}

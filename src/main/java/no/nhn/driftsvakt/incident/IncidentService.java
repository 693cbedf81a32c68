package no.nhn.driftsvakt.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.signal.Signal;

/** Runs engine decisions and staff actions in database transactions, with their events in the outbox. */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    @Inject
    IncidentStore store;

    @Inject
    CatalogService catalogs;

    @Inject
    Outbox outbox;

    @Inject
    no.nhn.driftsvakt.problem.ProblemService problems;

    @Inject
    no.nhn.driftsvakt.notify.PlanningService notifications;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** The id a batch's new incident has until the batch's numbers are drawn (never stored). */
    private static final String PENDING = "pending:";

    /** Applies signals in order, in one transaction; each signal id at most once. */
    public void applySignals(List<Signal> signals) throws SQLException {
        if (signals.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Instant oldest = signals.stream().map(Signal::at).min(Instant::compareTo).orElseThrow();
        Instant now = Instant.now();
        if (oldest.isBefore(now)) {
            stage("engine_wait").record(Duration.between(oldest, now));
        }
        List<String> told = new java.util.ArrayList<>(); // logged after the commit: no numbers that never existed
        int changed = commit(c -> {
            told.clear();
            // One statement each for the batch: which signals are new, and the components' current incidents.
            // Status of confirmed incidents comes back as signals, and "unreachable from X" notes are for staff's
            // eyes only: neither opens or changes an incident.
            List<Signal> relevant = signals.stream().filter(s -> !IncidentStore.INCIDENT_SOURCE.equals(s.source())
                    && !Signal.LOCATION_NOTE.equals(s.source())
                    && catalogs.current().component(s.component()).isPresent()).toList();
            java.util.Set<String> fresh = relevant.isEmpty() ? java.util.Set.of()
                    : store.markProcessed(c, relevant.stream().map(Signal::id).toList());
            java.util.Set<String> components = new java.util.HashSet<>();
            relevant.forEach(s -> components.add(s.component()));
            java.util.Map<String, Incident> open = components.isEmpty() ? new java.util.HashMap<>()
                    : store.findOpen(c, components);
            java.util.Map<String, Incident> dismissed = components.isEmpty() ? new java.util.HashMap<>()
                    : store.findDismissedTracking(c, components);
            long read = System.nanoTime();
            stage("engine_read").record(read - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            java.util.Set<String> done = new java.util.HashSet<>();
            List<IncidentStore.Change> changes = new java.util.ArrayList<>();
            List<IncidentEngine.Outcome> outcomes = new java.util.ArrayList<>();
            int[] pending = {0}; // new incidents get a placeholder id now and their number below, all in one query
            for (Signal s : signals) {
                if (!fresh.contains(s.id()) || !done.add(s.id())) {
                    count(null);
                    continue;
                }
                IncidentEngine.Decision d = IncidentEngine.onSignal(Optional.ofNullable(open.get(s.component())),
                        Optional.ofNullable(open.containsKey(s.component()) ? null : dismissed.get(s.component())),
                        s, catalogs.current(), () -> PENDING + pending[0]++);
                count(d.outcome());
                if (d.outcome() == IncidentEngine.Outcome.STALE && s.state() == no.nhn.driftsvakt.signal.SignalState.UP) {
                    // Rare, and what keeps an incident open against its source's word: say why.
                    Incident about = open.get(s.component());
                    LOG.infof("Signal %s (up from %s for %s, dated %s) is older than the failure it would end "
                            + "(%s since %s); ignored as stale", s.id(), s.sourceKey(), s.component(), s.at(),
                            about == null ? "?" : about.id(),
                            about == null ? "?" : about.failingSince().get(s.sourceKey()));
                }
                if (d.incident().isPresent()) {
                    Incident saved = d.incident().get();
                    changes.add(new IncidentStore.Change(saved, d.timeline()));
                    outcomes.add(d.outcome());
                    if (saved.state().isOpen()) {
                        open.put(saved.componentId(), saved);
                    } else {
                        Incident was = open.get(saved.componentId());
                        if (was != null && was.id().equals(saved.id())) {
                            open.remove(saved.componentId());
                        }
                        if (saved.isActive()) {
                            dismissed.put(saved.componentId(), saved);
                        } else if (dismissed.containsKey(saved.componentId())
                                && dismissed.get(saved.componentId()).id().equals(saved.id())) {
                            dismissed.remove(saved.componentId());
                        }
                    }
                }
            }
            if (pending[0] > 0) {
                List<String> ids = store.nextIds(c, pending[0]);
                changes.replaceAll(ch -> ch.incident().id().startsWith(PENDING) ? new IncidentStore.Change(
                        ch.incident().withId(ids.get(Integer.parseInt(ch.incident().id().substring(PENDING.length())))),
                        ch.added()) : ch);
            }
            for (int k = 0; k < changes.size(); k++) {
                IncidentEngine.Outcome o = outcomes.get(k);
                if (o == IncidentEngine.Outcome.OPENED || o == IncidentEngine.Outcome.AUTO_RESOLVED) {
                    Incident i = changes.get(k).incident();
                    told.add("Incident " + i.id() + " " + o.name().toLowerCase() + ": " + i.title() + " (" + i.priority()
                            + ")");
                }
            }
            long decided = System.nanoTime();
            stage("engine_decide").record(decided - read, java.util.concurrent.TimeUnit.NANOSECONDS);
            store.saveAll(c, changes); // the batch's decisions in a few round trips, in order
            stage("engine_save").record(System.nanoTime() - decided, java.util.concurrent.TimeUnit.NANOSECONDS);
            return changes.size();
        });
        stage("engine_batch").record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        told.forEach(LOG::info);
        if (changed > 0) { // a batch of repeats (an alert storm) changes nothing: no relay, no correlation run
            wakeFollowers();
        }
    }

    /** Runs a staff action on one incident; empty when there is no such incident. */
    public Optional<Incident> act(String id, Function<Incident, IncidentEngine.Decision> action) throws SQLException {
        return inTransaction(c -> {
            Optional<Incident> i = store.find(c, id);
            if (i.isEmpty()) {
                return Optional.empty();
            }
            IncidentEngine.Decision d = action.apply(i.get());
            store.save(c, d.incident().orElseThrow(), d.timeline());
            return d.incident();
        });
    }

    /** Creates an incident from a staff decision (manual report). */
    public Incident create(Function<java.util.function.Supplier<String>, IncidentEngine.Decision> make)
            throws SQLException {
        return inTransaction(c -> {
            IncidentEngine.Decision d = make.apply(() -> nextId(c));
            store.save(c, d.incident().orElseThrow(), d.timeline());
            return d.incident().orElseThrow();
        });
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work in one transaction (rolled back on any failure); after a commit the outbox relay and the
     * correlator are woken, since every incident change has an event and may change problems.
     */
    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        T result = commit(work);
        wakeFollowers();
        return result;
    }

    private void wakeFollowers() {
        outbox.wake();
        problems.requestCorrelation();
        notifications.requestPlanning();
    }

    /** Runs work in one transaction, rolled back on any failure. */
    private <T> T commit(SqlWork<T> work) throws SQLException {
        T result;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return result;
    }

    public Optional<Incident> find(String id) throws SQLException {
        try (Connection c = store.connection()) {
            return store.find(c, id);
        }
    }

    public List<TimelineEntry> timeline(String id) throws SQLException {
        try (Connection c = store.connection()) {
            return store.timeline(c, id);
        }
    }

    public List<Incident> list(String state, String component, Instant since, int limit) throws SQLException {
        try (Connection c = store.connection()) {
            return store.list(c, state, component, since, limit);
        }
    }

    /**
     * Signal ids are remembered 30 days, well beyond the signals topic's retention, so a redelivered signal is
     * always recognised.
     */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "2m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void pruneProcessedSignals() {
        try (Connection c = store.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "DELETE FROM processed_signal WHERE processed_at < now() - interval '30 days'")) {
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof("Forgot %d processed signal ids older than 30 days", n);
            }
        } catch (SQLException e) {
            LOG.debugf("Processed signals not pruned: %s", e.toString());
        }
    }

    public Instant now() {
        return Instant.now(clock);
    }

    private String nextId(Connection c) {
        try {
            return store.nextId(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private io.micrometer.core.instrument.Timer stage(String name) {
        return no.nhn.driftsvakt.platform.StageTimers.of(registry, name); // registered once, looked up after that
    }

    private final java.util.Map<String, io.micrometer.core.instrument.Counter> decisions =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts a decision; the counters are looked up once each, not per signal. */
    private void count(IncidentEngine.Outcome o) {
        decisions.computeIfAbsent(o == null ? "skipped" : o.name().toLowerCase(),
                tag -> registry.counter("driftsvakt.incident.decisions", "outcome", tag)).increment();
    }
}

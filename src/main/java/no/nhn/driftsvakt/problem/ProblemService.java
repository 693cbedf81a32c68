package no.nhn.driftsvakt.problem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.correlation.CorrelationConfig;
import no.nhn.driftsvakt.correlation.Correlator;
import no.nhn.driftsvakt.correlation.IncidentFacts;
import no.nhn.driftsvakt.correlation.ProblemGroup;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Pacing;

/**
 * Runs the correlator over the incidents in PostgreSQL and stores the resulting problems, one replica at a time
 * (advisory lock). It runs right after incidents change on this replica ({@link #requestCorrelation()}) and every
 * {@code driftsvakt.correlation.interval} regardless. Staff decisions become pins the correlator keeps.
 */
@ApplicationScoped
public class ProblemService {

    private static final Logger LOG = Logger.getLogger(ProblemService.class);
    private static final long LOCK = 0x50524f42L; // "PROB"

    @Inject
    ProblemStore store;

    @Inject
    CatalogService catalogs;

    @Inject
    CorrelationConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** The correlator's input between runs (guarded by itself). */
    private final CorrelationInput input = new CorrelationInput();
    /** A whole read of the input made in the background, for the next run to take over. */
    private volatile CorrelationInput wholeRead;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;
    private Timer timer;

    void start(@Observes StartupEvent ev) {
        timer = Timer.builder("driftsvakt.correlation.duration").description("One correlation run")
                .register(registry);
        waitTimer = no.nhn.driftsvakt.platform.StageTimers.of(registry, "correlation_wait");
        stages = new Timer[] {no.nhn.driftsvakt.platform.StageTimers.of(registry, "correlation_read"),
                no.nhn.driftsvakt.platform.StageTimers.of(registry, "correlation_decide"),
                no.nhn.driftsvakt.platform.StageTimers.of(registry, "correlation_save")};
        thread = new Thread(this::loop, "correlator");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake.release();
    }

    /** When the first request since the last run came (System.nanoTime), 0 when none is pending. */
    private final java.util.concurrent.atomic.AtomicLong requestedAt = new java.util.concurrent.atomic.AtomicLong();
    private Timer waitTimer;
    /** correlation_read, correlation_decide, correlation_save. */
    private Timer[] stages;

    /** Asks for a correlation run soon (coalesced with other requests). */
    public void requestCorrelation() {
        requestedAt.compareAndSet(0, System.nanoTime());
        wake.release();
    }

    private void loop() {
        // Coalesce a burst of changes into one run; in a storm the correlator takes at most a third of a core.
        Pacing pacing = new Pacing(config.minGap().toMillis(), 2, config.interval().toMillis(), Pacing.now());
        while (running) {
            try {
                wake.tryAcquire(config.interval().toMillis(), TimeUnit.MILLISECONDS);
                Thread.sleep(pacing.restMillis(Pacing.now()));
                wake.drainPermits();
                long asked = requestedAt.getAndSet(0);
                if (asked != 0) {
                    waitTimer.record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
                }
                if (running) {
                    long started = System.nanoTime();
                    try {
                        timer.record(() -> {
                            try {
                                correlate();
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    } finally {
                        pacing.ran(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Pacing.now());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Correlation run failed; next run in %s: %s", config.interval(), e.toString());
            }
        }
    }

    /** One correlation run; returns the problems that changed. */
    public List<Problem> correlate() throws SQLException {
        synchronized (input) { // the correlator thread and staff requests; the advisory lock orders replicas
            return correlateLocked();
        }
    }

    private List<Problem> correlateLocked() throws SQLException {
        List<Problem> changes;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                long started = System.nanoTime();
                Instant now = Instant.now(clock);
                Instant recent = now.minus(config.window().multipliedBy(2));
                Instant period = now.minus(config.recurrencePeriod());
                refresh(c, recent, period);
                CorrelationInput.Selection in = input.select(recent, period, config.recurrenceCount());
                Map<String, String> states = new HashMap<>(in.states());
                Map<String, String> pins = store.pins(c);
                long read = System.nanoTime();
                List<ProblemGroup> groups = Correlator.correlate(in.facts(), catalogs.current(), config.policy(), pins,
                        now);
                long decided = System.nanoTime();
                Map<String, Problem> existing = new HashMap<>(input.notClosed());
                existing.putAll(store.closedByKey(c,
                        groups.stream().map(ProblemGroup::key).filter(k -> !existing.containsKey(k)).toList()));
                Set<String> unread = new HashSet<>(); // incidents of closed problems are not among the facts
                existing.values().forEach(p -> p.incidentIds().stream().filter(i -> !states.containsKey(i))
                        .forEach(unread::add));
                states.putAll(store.incidentStates(c, unread));
                long read2 = System.nanoTime();
                changes = ProblemPlanner.plan(groups, existing, states, catalogs.current(), now, () -> nextId(c));
                long planned = System.nanoTime();
                List<ProblemStore.Change> writes = new java.util.ArrayList<>(changes.size());
                for (Problem p : changes) {
                    Problem before = existing.get(p.key());
                    writes.add(new ProblemStore.Change(p, before == null ? List.of() : before.incidentIds()));
                }
                store.saveAll(c, writes);
                c.commit();
                input.problemsChanged(changes);
                log(changes, existing);
                // Where a run's time goes: reading facts and problems, the correlator and planner, writing
                stages[0].record((read - started) + (read2 - decided), TimeUnit.NANOSECONDS);
                stages[1].record((decided - read) + (planned - read2), TimeUnit.NANOSECONDS);
                stages[2].record(System.nanoTime() - planned, TimeUnit.NANOSECONDS);
            } catch (SQLException | RuntimeException e) {
                input.clear(); // what this run learned may not match what was kept: read it whole next time
                c.rollback();
                throw e;
            }
        }
        if (!changes.isEmpty()) {
            registry.counter("driftsvakt.problems.changed").increment(changes.size());
            outbox.wake();
        }
        return changes;
    }

    /**
     * Incidents (ids) and problems (keys) on which the correlator's input, brought up to date, differs from a whole
     * read; empty unless a change was missed. Writes nothing. For tests, and for checking a suspicion by hand.
     */
    Set<String> inputDifferences() throws SQLException {
        synchronized (input) {
            try (Connection c = store.connection()) {
                c.setAutoCommit(false);
                try {
                    lock(c);
                    Instant now = Instant.now(clock);
                    Instant recent = now.minus(config.window().multipliedBy(2));
                    Instant period = now.minus(config.recurrencePeriod());
                    refresh(c, recent, period);
                    CorrelationInput.Selection kept = input.select(recent, period, config.recurrenceCount());
                    Map<String, String> states = new HashMap<>();
                    Set<IncidentFacts> whole = new HashSet<>(store.incidentFacts(c, recent, period,
                            config.recurrenceCount(), states));
                    Set<String> out = new java.util.TreeSet<>();
                    Set<IncidentFacts> mine = new HashSet<>(kept.facts());
                    mine.stream().filter(f -> !whole.contains(f)).forEach(f -> out.add(f.id()));
                    whole.stream().filter(f -> !mine.contains(f)).forEach(f -> out.add(f.id()));
                    kept.states().forEach((id, state) -> {
                        if (!state.equals(states.get(id))) {
                            out.add(id);
                        }
                    });
                    Map<String, Problem> problems = new HashMap<>();
                    store.notClosed(c).forEach(p -> problems.put(p.key(), p));
                    Set<String> keys = new HashSet<>(problems.keySet());
                    keys.addAll(input.notClosed().keySet());
                    keys.stream().filter(k -> !java.util.Objects.equals(brief(problems.get(k)),
                            brief(input.notClosed().get(k)))).forEach(out::add);
                    return out;
                } finally {
                    c.rollback();
                }
            }
        }
    }

    /** One replica correlates at a time: waits for the correlator's advisory lock, held until the transaction ends. */
    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
    }

    /** What the correlator reads of a problem (times aside: the database keeps microseconds). */
    private static List<Object> brief(Problem p) {
        return p == null ? null : List.of(p.id(), p.version(), p.state(), p.incidentIds());
    }

    /**
     * Brings the correlator's input up to date: whole on the first run and after a failed one; otherwise only the
     * incidents and problems whose outbox events are newer than the last run's horizon (events of transactions that
     * were still running then included), after taking over a whole read made in the background
     * ({@link #readWholeInput}) if there is one.
     */
    private void refresh(Connection c, Instant recent, Instant period) throws SQLException {
        Instant horizon = outbox.horizon(c); // before anything is read
        Map<String, String> states = new HashMap<>();
        if (!input.loaded()) {
            readWhole(c, input, horizon, recent, period);
            LOG.infof("Correlator read its input whole: %d incidents, %d problems not closed; from now on it reads "
                    + "what changed, and all of it again every %s", input.size(), input.notClosed().size(),
                    config.reload());
            return;
        }
        CorrelationInput whole = wholeRead;
        if (whole != null) { // read in the background; brought up to date from its own horizon below
            wholeRead = null;
            input.takeFrom(whole);
        }
        input.incidentsChanged(store.changedIncidentFacts(c, input.cursor(), states), states);
        List<String> stale = store.changedProblemVersions(c, input.cursor()).entrySet().stream()
                .filter(e -> !input.knows(e.getKey(), e.getValue())).map(Map.Entry::getKey).toList();
        Set<String> unknown = input.problemsChanged(store.byIds(c, stale));
        if (!unknown.isEmpty()) {
            states.clear();
            input.incidentsChanged(store.incidentFactsOf(c, unknown, states), states);
        }
        input.advance(horizon);
    }

    /** Reads the whole input into {@code into}: the incidents a run may select or count, and the open problems. */
    private void readWhole(Connection c, CorrelationInput into, Instant horizon, Instant recent, Instant period)
            throws SQLException {
        Map<String, String> states = new HashMap<>();
        Set<String> unknown = into.load(store.incidentFactsToKeep(c, recent, period, states), states,
                store.notClosed(c), horizon);
        if (!unknown.isEmpty()) { // the two reads are two statements: staff may have reopened a problem between
            states.clear();
            into.incidentsChanged(store.incidentFactsOf(c, unknown, states), states);
        }
        registry.counter("driftsvakt.correlation.reloads").increment();
    }

    /**
     * Every {@code driftsvakt.correlation.reload}, reads the correlator's input whole, outside its lock and its runs,
     * for the next run to take over and bring up to date from this read's horizon: the safety net for a change the
     * runs' reading of what changed could miss (a transaction held open past the horizon's limit). Done inside a run
     * it had made that run, and the signals waiting for it, a few hundred milliseconds late in a storm
     * ({@code bench/pipeline}, run 27).
     */
    @io.quarkus.scheduler.Scheduled(every = "${driftsvakt.correlation.reload:5m}",
            delayed = "${driftsvakt.correlation.reload:5m}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void readWholeInput() {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false); // one transaction: its horizon is taken before its reads
            try {
                long started = System.nanoTime();
                Instant now = Instant.now(clock);
                Outbox.Horizon horizon = outbox.horizonOf(c);
                if (horizon.limited()) {
                    // A transaction older than the limit may commit changes stamped before the horizon, e.g. a
                    // correlation run of this replica that waited over a minute for the lock: its changes would be in
                    // neither this read nor the next run's; the input kept by the runs has them
                    LOG.infof("Correlator's input not read whole now (a transaction has been open over %s); again in %s",
                            Outbox.HORIZON_LIMIT, config.reload());
                    return;
                }
                CorrelationInput whole = new CorrelationInput();
                readWhole(c, whole, horizon.at(), now.minus(config.window().multipliedBy(2)),
                        now.minus(config.recurrencePeriod()));
                wholeRead = whole;
                LOG.debugf("Correlator's input read whole in the background in %d ms: %d incidents, %d problems not "
                        + "closed", (System.nanoTime() - started) / 1_000_000, whole.size(),
                        whole.notClosed().size());
            } finally {
                c.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Correlator's input not read whole (tried again in %s): %s", config.reload(), e.toString());
        }
    }

    /**
     * New problems and changes of state or root one line each, and every change when a run has ten or fewer; in a
     * storm, when a run changes hundreds of recurring problems by one incident each, the others are at debug level
     * and the run says how many there were.
     */
    private static void log(List<Problem> changes, Map<String, Problem> existing) {
        int quiet = 0;
        for (Problem p : changes) {
            Problem before = existing.get(p.key());
            boolean notable = before == null || changes.size() <= 10 || before.state() != p.state()
                    || !java.util.Objects.equals(before.rootComponent(), p.rootComponent())
                    || !java.util.Objects.equals(before.rootIncidentId(), p.rootIncidentId());
            if (notable) {
                LOG.infof("Problem %s v%d %s: %s (%d incidents)", p.id(), p.version(), p.state().wire(), p.title(),
                        p.incidentIds().size());
            } else {
                quiet++;
                LOG.debugf("Problem %s v%d %s: %s (%d incidents)", p.id(), p.version(), p.state().wire(), p.title(),
                        p.incidentIds().size());
            }
        }
        if (quiet > 0) {
            LOG.infof("Correlation run changed %d problems; %d of them kept their state and root (listed at debug level)",
                    changes.size(), quiet);
        }
    }

    public List<Problem> list(String state, int limit) throws SQLException {
        try (Connection c = store.connection()) {
            return store.list(c, state, limit);
        }
    }

    public Optional<Problem> find(String id) throws SQLException {
        try (Connection c = store.connection()) {
            return store.find(c, id);
        }
    }

    /** Changes the problem's own fields (state, root cause, workaround); the grouping is the correlator's. */
    public Optional<Problem> edit(String id, java.util.function.UnaryOperator<Problem> change) throws SQLException {
        Problem saved;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Problem> p = store.find(c, id);
                if (p.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                saved = ProblemPlanner.bump(change.apply(p.get()), Instant.now(clock));
                store.save(c, saved, p.get().incidentIds());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        outbox.wake();
        return Optional.of(saved);
    }

    /**
     * Pins incidents to a problem key and correlates again. Staff merge (all incidents of both into the target),
     * split (the chosen incidents to a new key, the rest stay) and relink (one incident to another problem) are
     * all pins; the correlator never moves a pinned incident.
     */
    public void pin(Map<String, String> incidentToKey, String actor) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, String> e : incidentToKey.entrySet()) {
                    store.pin(c, e.getKey(), e.getValue(), actor, Instant.now(clock));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        correlate();
    }

    /**
     * Sets the problem's state, root cause and workaround ({@code null}: unchanged; blank text: cleared), as
     * {@link ProblemDecisions#edit} says.
     */
    public Optional<Problem> edit(String id, ProblemState state, String rootCause, String workaround,
                                  Boolean workaroundPublic) throws SQLException {
        return edit(id, p -> ProblemDecisions.edit(p, state, rootCause, workaround, workaroundPublic,
                Instant.now(clock)));
    }

    /**
     * Merges problem {@code id} into {@code into} (all incidents of both pinned to it) and correlates again.
     *
     * @return the problem merged into, after the run
     * @throws ProblemDecisions.Refused when either is unknown, or the merge is not allowed
     */
    public Problem merge(String id, String into, String actor) throws SQLException {
        Problem from = find(id).orElseThrow(() -> unknown("id", id));
        Problem target = find(into).orElseThrow(() -> unknown("into", into));
        pin(ProblemDecisions.merge(from, target), actor);
        return find(target.id()).orElseThrow();
    }

    /**
     * Moves {@code incidents} out of problem {@code id} into a new problem and correlates again.
     *
     * @return the new problem
     */
    public Problem split(String id, java.util.Collection<String> incidents, String actor) throws SQLException {
        Problem p = find(id).orElseThrow(() -> unknown("id", id));
        String newKey = newStaffKey();
        pin(ProblemDecisions.split(p, incidents, newKey), actor);
        try (Connection c = store.connection()) {
            return store.findByKey(c, newKey).orElseThrow();
        }
    }

    /**
     * Moves {@code incident} from its problem into problem {@code id} and correlates again.
     *
     * @return problem {@code id}, after the run
     */
    public Problem relink(String id, String incident, String actor) throws SQLException {
        Problem target = find(id).orElseThrow(() -> unknown("id", id));
        List<Problem> current;
        try (Connection c = store.connection()) {
            if (incident == null || store.incidentStates(c, List.of(incident)).isEmpty()) {
                throw new ProblemDecisions.Refused(ProblemDecisions.Refused.Why.INVALID, "incident",
                        "required: an existing incident id");
            }
            current = store.withIncident(c, incident);
        }
        pin(ProblemDecisions.relink(target, incident, current), actor);
        return find(id).orElseThrow();
    }

    private static ProblemDecisions.Refused unknown(String field, String id) {
        return new ProblemDecisions.Refused(ProblemDecisions.Refused.Why.UNKNOWN, field, "no problem '" + id + "'");
    }

    public static String newStaffKey() {
        return "staff:" + UUID.randomUUID();
    }

    private String nextId(Connection c) {
        try {
            return store.nextId(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

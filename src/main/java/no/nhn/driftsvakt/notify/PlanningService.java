package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.nhn.driftsvakt.maintenance.Maintenance;
import no.nhn.driftsvakt.maintenance.MaintenanceStore;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Pacing;

/**
 * Feeds the planner, one replica at a time (advisory lock): finds the subjects whose incidents changed since the
 * last run (through their outbox events) and those with held messages now due, builds each subject's view and its
 * recipients, asks {@link NotificationPlanner} per recipient, and stores the decisions with their events in one
 * transaction. Woken after incident changes on this replica and every {@code driftsvakt.notify.interval} anyway.
 *
 * <p>Planned maintenance: each window is a subject of its own (its id), planned when it is scheduled, starts, ends
 * or is cancelled (once per phase on this replica; the ledger makes a repeat decide nothing). While work goes on,
 * failures of its components and what depends on them are suppressed for customers and for the person on duty;
 * when a window ends or is cancelled, every open incident is planned again, so an outage that outlasts the work
 * is told then.
 */
@ApplicationScoped
public class PlanningService {

    private static final Logger LOG = Logger.getLogger(PlanningService.class);
    private static final long LOCK = 0x4e4f5446L; // "NOTF"

    @Inject
    NotifyStore store;

    @Inject
    CatalogView catalogView;

    @Inject
    Outbox outbox;

    @Inject
    MaintenanceStore maintenance;

    @Inject
    DutyRoster roster;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "driftsvakt.notify.interval", defaultValue = "5s")
    Duration interval;

    @ConfigProperty(name = "driftsvakt.notify.sms-per-hour", defaultValue = "6")
    int smsPerHour;

    /** How long after its end a maintenance window is still looked at (its "ended" notice). */
    private static final Duration MAINTENANCE_LOOKBACK = Duration.ofDays(1);

    /** The maintenance phases already planned on this replica ({@code <id>:<phase>}). */
    private final Set<String> maintenancePlanned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Semaphore wake = new Semaphore(0);
    /** The incidents this replica has planned, to skip them while the cursor's overlap still finds them. */
    private final PlannedEvents planned = new PlannedEvents();
    private volatile boolean running = true;

    void start(@Observes StartupEvent ev) {
        escalationPolicy(); // fail fast on a bad escalation step
        Thread t = new Thread(this::loop, "notify-planner");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake.release();
    }

    /** Asks for a planning run soon (coalesced). */
    public void requestPlanning() {
        wake.release();
    }

    private void loop() {
        // Coalesce a burst of wake-ups into one run; in a storm planning takes at most half a core.
        Pacing pacing = new Pacing(10, 1, interval.toMillis(), Pacing.now());
        while (running) {
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                Thread.sleep(pacing.restMillis(Pacing.now()));
                wake.drainPermits();
                if (running) {
                    long started = System.nanoTime();
                    try {
                        plan();
                    } finally {
                        pacing.ran(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Pacing.now());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warnf("Notification planning failed; next run in %s: %s", interval, e.toString());
            }
        }
    }

    /** One planning run; returns how many messages were queued to send. */
    public int plan() throws SQLException {
        Instant now = Instant.now(clock);
        SubjectBuilder catalog = catalogView.current();
        int queued = 0;
        int subjectsPlanned = 0;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    ps.setLong(1, LOCK);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return 0; // another replica is planning
                        }
                    }
                }
                Instant since = store.cursor(c);
                Instant next = outbox.horizon(c); // before the changes are read
                Work work = work(catalog, now);
                Map<String, Maintenance> windowById = work.byId();
                Map<String, SubjectView.MaintenancePhase> maintenanceDue = work.due();
                Set<String> underWork = work.underWork();
                // The cursor reaches back to the oldest transaction that was running at the last run (events are
                // not written in commit order): plan only the incidents whose newest event this replica has not
                // planned yet.
                Map<String, Long> latest = store.changedIncidents(c, since);
                List<String> unplanned = planned.unplanned(latest);
                List<NotifyStore.Member> changed = new ArrayList<>(store.incidents(c, unplanned));
                if (work.ended()) {
                    changed = withOpenIncidents(c, changed);
                }
                Set<String> subjects = new LinkedHashSet<>();
                if (!changed.isEmpty()) {
                    subjects.addAll(store.subjectsOf(c, changed, now));
                }
                for (String held : store.dueHeld(c, now)) {
                    if (!held.startsWith(MAINTENANCE_PREFIX)) {
                        subjects.add(held);
                    } else if (!maintenanceDue.containsKey(held)) {
                        Maintenance m = windowById.get(held);
                        if (m == null) {
                            m = maintenance.find(held).orElse(null);
                        }
                        if (m != null) {
                            windowById.put(m.id(), m);
                            maintenanceDue.put(m.id(), phaseOf(m, now));
                        }
                    }
                }
                List<Decision> alerts = staffAlerts(c, changed, underWork, now);
                alerts.forEach(d -> registry.counter("driftsvakt.notify.decisions", "reason", d.reason().wire(),
                        "channel", d.channel().wire()).increment());
                queued += store.apply(c, alerts, now);
                List<Decision> assignments = assignments(c, changed, catalog);
                assignments.forEach(d -> registry.counter("driftsvakt.notify.decisions", "reason", d.reason().wire(),
                        "channel", d.channel().wire()).increment());
                queued += store.apply(c, assignments, now);
                List<Decision> escalations = escalations(c, now);
                escalations.forEach(d -> registry.counter("driftsvakt.notify.decisions", "reason", d.reason().wire(),
                        "channel", d.channel().wire()).increment());
                queued += store.apply(c, escalations, now);
                Map<String, Integer> sms = subjects.isEmpty() && maintenanceDue.isEmpty() ? Map.of()
                        : store.smsSince(c, now.minus(Duration.ofHours(1)));
                Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
                List<String> all = new ArrayList<>(subjects);
                all.addAll(maintenanceDue.keySet());
                for (String subject : all) {
                    List<Decision> decisions = maintenanceDue.containsKey(subject)
                            ? planMaintenance(c, windowById.get(subject), maintenanceDue.get(subject), catalog, sms, now)
                            : planSubject(c, subject, catalog, sms, underWork, now);
                    decisions.forEach(d -> {
                        counts.merge(d.reason(), 1, Integer::sum);
                        registry.counter("driftsvakt.notify.decisions", "reason", d.reason().wire(), "channel",
                                d.channel().wire()).increment();
                    });
                    queued += store.apply(c, decisions, now);
                    subjectsPlanned++;
                }
                store.setCursor(c, next);
                c.commit();
                planned.planned(latest);
                maintenancePlanned.retainAll(work.phasesNow());
                maintenancePlanned.addAll(work.phasesNow());
                if (!counts.isEmpty()) {
                    LOG.infof("Notification plan: %d subjects, %d messages to send; decisions %s", subjectsPlanned,
                            queued, counts);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (queued > 0) {
            outbox.wake();
        }
        return queued;
    }

    static final String MAINTENANCE_PREFIX = "VED-";

    /**
     * Planned maintenance as this run sees it.
     *
     * @param byId      the windows not ended before the lookback
     * @param underWork the components under ongoing work and everything that depends on them
     * @param due       the windows whose current phase this replica has not planned yet, with that phase
     * @param phasesNow every window's current phase ({@code <id>:<phase>})
     * @param ended     whether a window has ended or been cancelled since this replica last looked
     */
    private record Work(Map<String, Maintenance> byId, Set<String> underWork,
                        Map<String, SubjectView.MaintenancePhase> due, Set<String> phasesNow, boolean ended) {
    }

    private Work work(SubjectBuilder catalog, Instant now) throws SQLException {
        Map<String, Maintenance> byId = new java.util.HashMap<>();
        Set<String> working = new HashSet<>();
        Map<String, SubjectView.MaintenancePhase> due = new java.util.LinkedHashMap<>();
        Set<String> phasesNow = new HashSet<>();
        boolean ended = false;
        for (Maintenance m : maintenance.endingAfter(now.minus(MAINTENANCE_LOOKBACK), 500)) {
            byId.put(m.id(), m);
            SubjectView.MaintenancePhase phase = phaseOf(m, now);
            phasesNow.add(m.id() + ":" + phase);
            if (phase == SubjectView.MaintenancePhase.STARTED) {
                working.addAll(m.components());
            }
            if (!maintenancePlanned.contains(m.id() + ":" + phase)) {
                due.put(m.id(), phase);
                ended |= phase == SubjectView.MaintenancePhase.ENDED || phase == SubjectView.MaintenancePhase.CANCELLED;
            }
        }
        return new Work(byId, catalog.affected(working), due, phasesNow, ended);
    }

    static SubjectView.MaintenancePhase phaseOf(Maintenance m, Instant now) {
        return switch (m.phase(now)) {
            case SCHEDULED -> SubjectView.MaintenancePhase.SCHEDULED;
            case IN_PROGRESS -> SubjectView.MaintenancePhase.STARTED;
            case COMPLETED -> SubjectView.MaintenancePhase.ENDED;
            case CANCELLED -> SubjectView.MaintenancePhase.CANCELLED;
        };
    }

    /** The changed incidents and every open one (once each). */
    private List<NotifyStore.Member> withOpenIncidents(Connection c, List<NotifyStore.Member> changed)
            throws SQLException {
        Map<String, NotifyStore.Member> all = new java.util.LinkedHashMap<>();
        changed.forEach(m -> all.put(m.id(), m));
        store.openIncidents(c).forEach(m -> all.putIfAbsent(m.id(), m));
        LOG.infof("Planned maintenance ended or was cancelled: %d open incidents planned again", all.size());
        return new ArrayList<>(all.values());
    }

    private List<Decision> staffAlerts(Connection c, List<NotifyStore.Member> changed, Set<String> underWork,
                                       Instant now) throws SQLException {
        List<Decision> out = new ArrayList<>();
        java.util.Optional<Recipient> onDuty = null;
        for (NotifyStore.Member m : changed) {
            if (!"suspected".equals(m.state()) || !StaffAlerts.ALERTING.contains(m.priority())) {
                continue;
            }
            if (onDuty == null) {
                java.util.Optional<String> who = roster.alertedAt(c, now);
                onDuty = who.isEmpty() ? java.util.Optional.empty() : store.staffRecipient(c, who.get());
                if (onDuty.isEmpty()) {
                    LOG.warnf("Nobody is on duty as %s: staff alert for %s not sent", StaffAlerts.roleAt(now), m.id());
                }
            }
            boolean working = underWork.contains(m.componentId());
            List<Decision> ds = StaffAlerts.plan(m.id(), m.state(), m.priority(), m.componentId(), onDuty,
                    store.alerted(c, m.id()), working, now);
            if (working && !ds.isEmpty()) {
                LOG.infof("Staff alert for %s (%s) suppressed: %s is under planned maintenance", m.id(), m.priority(),
                        m.componentId());
            }
            out.addAll(ds);
        }
        return out;
    }

    /**
     * Functional escalation: changed incidents assigned to a support group tell the group's contact (a registered
     * staff contact with the catalog's address), once per incident and group.
     */
    private List<Decision> assignments(Connection c, List<NotifyStore.Member> changed, SubjectBuilder catalog)
            throws SQLException {
        List<Decision> out = new ArrayList<>();
        if (changed.isEmpty()) {
            return out;
        }
        for (NotifyStore.Assigned a : store.assigned(c, changed.stream().map(NotifyStore.Member::id).toList())) {
            Set<String> told = store.assignmentsTold(c, a.id());
            if (told.contains(AssignmentNotices.key(a.assignee()))) {
                continue;
            }
            String contact = catalog.catalog().supportGroup(a.assignee())
                    .map(no.nhn.driftsvakt.catalog.SupportGroup::contact).orElse("");
            java.util.Optional<Recipient> r = store.contactRecipient(c, contact);
            if (r.isEmpty()) {
                LOG.warnf("Support group %s has no registered staff contact: assignment of %s not told", a.assignee(),
                        a.id());
            }
            List<Decision> due = AssignmentNotices.plan(a.id(), a.state(), a.componentId(), a.assignee(), r, told);
            if (!due.isEmpty()) {
                LOG.infof("Telling support group %s (contact %s) about %s", a.assignee(), r.get().subscriberId(), a.id());
            }
            out.addAll(due);
        }
        return out;
    }

    /** Escalation levels now due for open incidents (at most once each: the ledger remembers). */
    private List<Decision> escalations(Connection c, Instant now) throws SQLException {
        Escalation.Policy policy = escalationPolicy();
        java.util.Set<String> priorities = new java.util.HashSet<>();
        Duration first = null;
        for (Map.Entry<String, List<Escalation.Step>> e : policy.steps().entrySet()) {
            if (!e.getValue().isEmpty()) {
                priorities.add(e.getKey());
                Duration d = e.getValue().get(0).after();
                first = first == null || d.compareTo(first) < 0 ? d : first;
            }
        }
        if (first == null) {
            return List.of();
        }
        List<Decision> out = new ArrayList<>();
        Map<String, Recipient> onDuty = new java.util.HashMap<>();
        for (String role : Escalation.Policy.ROLES) {
            store.onDuty(c, role).ifPresent(r -> onDuty.put(role, r));
        }
        for (NotifyStore.Open o : store.openForEscalation(c, priorities, now.minus(first))) {
            List<Decision> due = Escalation.plan(o.id(), o.priority(), o.componentId(), o.openedAt(), policy, onDuty,
                    store.escalated(c, o.id()), now);
            if (!due.isEmpty()) {
                LOG.infof("Escalating %s (%s, open since %s): %s", o.id(), o.priority(), o.openedAt(),
                        due.stream().map(Decision::transition).distinct().toList());
            }
            out.addAll(due);
        }
        return out;
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "driftsvakt.escalation.p1",
            defaultValue = "30m:customer-centre-lead,2h:technical-director,4h:ceo")
    String escalationP1;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "driftsvakt.escalation.p2",
            defaultValue = "1h:customer-centre-lead,4h:technical-director")
    String escalationP2;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "driftsvakt.escalation.p3", defaultValue = "none")
    String escalationP3;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "driftsvakt.escalation.p4", defaultValue = "none")
    String escalationP4;

    private volatile Escalation.Policy policy;

    /** The escalation policy from configuration, parsed once (a bad step stops the start with its name). */
    Escalation.Policy escalationPolicy() {
        Escalation.Policy p = policy;
        if (p == null) {
            p = new Escalation.Policy(Map.of("P1", Escalation.Policy.parse(escalationP1),
                    "P2", Escalation.Policy.parse(escalationP2), "P3", Escalation.Policy.parse(escalationP3),
                    "P4", Escalation.Policy.parse(escalationP4)));
            policy = p;
        }
        return p;
    }

    private List<Decision> planSubject(Connection c, String subject, SubjectBuilder catalog, Map<String, Integer> sms,
                                       Set<String> underWork, Instant now) throws SQLException {
        List<NotifyStore.Member> members = store.membersOf(c, subject);
        Set<String> failing = new HashSet<>();
        for (NotifyStore.Member m : members) {
            if (m.published()) {
                failing.add(m.componentId());
            }
        }
        String title = subject.startsWith("PRB-") ? store.problemTitle(c, subject)
                : members.isEmpty() ? subject : members.get(0).title();
        SubjectView view = new SubjectView(subject, title, catalog.affected(failing), store.updatesOf(c, subject));
        return decide(c, view, catalog, sms, underWork, now);
    }

    /** A maintenance window's phase, to those whose services it touches (and, cancelled, to those told of it). */
    private List<Decision> planMaintenance(Connection c, Maintenance m, SubjectView.MaintenancePhase phase,
                                           SubjectBuilder catalog, Map<String, Integer> sms, Instant now)
            throws SQLException {
        Set<String> affected = phase == SubjectView.MaintenancePhase.CANCELLED ? Set.of()
                : catalog.affected(m.components());
        SubjectView view = new SubjectView(m.id(), m.title(), affected, List.of(), phase);
        return decide(c, view, catalog, sms, Set.of(), now);
    }

    /**
     * A dry run: whom confirming this incident now would tell, as the planner would decide it (its subject, the
     * subject's other published incidents, what each recipient was told already, their channels, windows and SMS
     * counts, and planned maintenance). Reads only; nothing is stored or sent.
     *
     * @param problemId the incident's problem, or null; a confirmed incident in a problem is told as part of it
     */
    public NoticeReach reachIfConfirmed(String incidentId, String componentId, String problemId) throws SQLException {
        Instant now = Instant.now(clock);
        SubjectBuilder catalog = catalogView.current();
        String subject = problemId != null ? problemId : incidentId;
        try (Connection c = store.connection()) {
            c.setReadOnly(true);
            Set<String> failing = new HashSet<>(Set.of(componentId));
            for (NotifyStore.Member m : store.membersOf(c, subject)) {
                if (m.published()) {
                    failing.add(m.componentId());
                }
            }
            SubjectView view = new SubjectView(subject, subject, catalog.affected(failing), store.updatesOf(c, subject));
            Set<String> underWork = work(catalog, now).underWork();
            List<Recipient> recipients = recipientsOf(c, view, catalog);
            return NoticeReach.of(recipients.size(), decide(c, view, recipients,
                    store.smsSince(c, now.minus(Duration.ofHours(1))), underWork, now));
        }
    }

    private List<Recipient> recipientsOf(Connection c, SubjectView view, SubjectBuilder catalog) throws SQLException {
        return store.recipients(c, catalog.groupsUsing(view.affected()), view.subjectId(), catalog);
    }

    private List<Decision> decide(Connection c, SubjectView view, SubjectBuilder catalog, Map<String, Integer> sms,
                                  Set<String> underWork, Instant now) throws SQLException {
        return decide(c, view, recipientsOf(c, view, catalog), sms, underWork, now);
    }

    private List<Decision> decide(Connection c, SubjectView view, List<Recipient> recipients, Map<String, Integer> sms,
                                  Set<String> underWork, Instant now) throws SQLException {
        Map<String, List<LedgerEntry>> ledger = store.ledger(c, view.subjectId());
        NotificationPlanner.Policy policy = new NotificationPlanner.Policy(smsPerHour);
        List<Decision> out = new ArrayList<>();
        for (Recipient r : recipients) {
            Told told = Told.from(ledger.getOrDefault(r.subscriberId(), List.of()));
            out.addAll(NotificationPlanner.plan(view, r, told, sms.getOrDefault(r.subscriberId(), 0), policy,
                    underWork, now));
        }
        return out;
    }
}

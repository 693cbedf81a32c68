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
import no.nhn.driftsvakt.platform.Outbox;

/**
 * Feeds the planner, one replica at a time (advisory lock): finds the subjects whose incidents changed since the
 * last run (through their outbox events) and those with held messages now due, builds each subject's view and its
 * recipients, asks {@link NotificationPlanner} per recipient, and stores the decisions with their events in one
 * transaction. Woken after incident changes on this replica and every {@code driftsvakt.notify.interval} anyway.
 */
@ApplicationScoped
public class PlanningService {

    private static final Logger LOG = Logger.getLogger(PlanningService.class);
    private static final long LOCK = 0x4e4f5446L; // "NOTF"
    /** Changes are looked for this far before the cursor too: a transaction may commit after a later one. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    @Inject
    NotifyStore store;

    @Inject
    CatalogView catalogView;

    @Inject
    Outbox outbox;

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

    private final Semaphore wake = new Semaphore(0);
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
        while (running) {
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                Thread.sleep(10);
                wake.drainPermits();
                if (running) {
                    plan();
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
                Instant since = store.cursor(c).minus(OVERLAP);
                List<NotifyStore.Member> changed = store.changedIncidents(c, since);
                Set<String> subjects = new LinkedHashSet<>();
                if (!changed.isEmpty()) {
                    subjects.addAll(store.subjectsOf(c, changed, now));
                }
                subjects.addAll(store.dueHeld(c, now));
                List<Decision> alerts = staffAlerts(c, changed, now);
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
                Map<String, Integer> sms = subjects.isEmpty() ? Map.of() : store.smsSince(c, now.minus(Duration.ofHours(1)));
                Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
                for (String subject : subjects) {
                    List<Decision> decisions = planSubject(c, subject, catalog, sms, now);
                    decisions.forEach(d -> {
                        counts.merge(d.reason(), 1, Integer::sum);
                        registry.counter("driftsvakt.notify.decisions", "reason", d.reason().wire(), "channel",
                                d.channel().wire()).increment();
                    });
                    queued += store.apply(c, decisions, now);
                    subjectsPlanned++;
                }
                store.setCursor(c, now);
                c.commit();
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

    private List<Decision> staffAlerts(Connection c, List<NotifyStore.Member> changed, Instant now) throws SQLException {
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
            out.addAll(StaffAlerts.plan(m.id(), m.state(), m.priority(), m.componentId(), onDuty,
                    store.alerted(c, m.id()), now));
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
                                       Instant now) throws SQLException {
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
        List<Recipient> recipients = store.recipients(c, catalog.groupsUsing(view.affected()), subject, catalog);
        Map<String, List<LedgerEntry>> ledger = store.ledger(c, subject);
        NotificationPlanner.Policy policy = new NotificationPlanner.Policy(smsPerHour);
        List<Decision> out = new ArrayList<>();
        for (Recipient r : recipients) {
            Told told = Told.from(ledger.getOrDefault(r.subscriberId(), List.of()));
            out.addAll(NotificationPlanner.plan(view, r, told, sms.getOrDefault(r.subscriberId(), 0), policy, now));
        }
        return out;
    }
}

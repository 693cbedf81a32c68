package no.nhn.driftsvakt.notify;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Topics;

/** The planner's reads (subjects, recipients, the ledger) and its one write (decisions + their events). */
@ApplicationScoped
public class NotifyStore {

    private static final Logger LOG = Logger.getLogger(NotifyStore.class);

    static final List<String> DELIVERING = List.of("planned", "sending", "retry", "sent", "delivered", "unknown");

    @Inject
    DataSource ds;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** An incident as the planner needs it. */
    public record Member(String id, String componentId, String state, String title, String problemId, String priority) {
        boolean published() {
            return state.equals("investigating") || state.equals("identified") || state.equals("monitoring");
        }
    }

    /** What {@code driftsvakt.notifications} carries: the ledger key, ids only. */
    public record NotificationEvent(String subjectId, String transition, String subscriberId, String channel) {
    }

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    /**
     * Where this run starts looking: the horizon the last run wrote, or, before any run of this version wrote one (the
     * first run after an upgrade, or while a replica of the previous version still runs), 10 s before the previous
     * version's cursor, as that version read it.
     */
    public Instant cursor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(horizon, planned_to - interval '10 seconds') FROM notify_cursor WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    public void setCursor(Connection c, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_cursor SET horizon = ? WHERE id = 1")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.executeUpdate();
        }
    }

    /**
     * The incidents whose events went to the outbox since {@code since} (inclusive): incident id → the newest such
     * outbox row id (which tells a planner whether it has seen the incident's latest change already).
     */
    public Map<String, Long> changedIncidents(Connection c, Instant since) throws SQLException {
        Map<String, Long> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, max(id) FROM outbox WHERE topic = '"
                + Topics.INCIDENTS.name() + "' AND created_at >= ? GROUP BY key")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** These incidents, as the planner sees them. */
    public List<Member> incidents(Connection c, java.util.Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        // The problem of all of them in one join, not PROBLEM's subquery per row: PostgreSQL plans that as a walk
        // over the problems for each incident, and in a storm these are thousands of incidents a run.
        return members(c, "WITH inc AS (SELECT id, component_id, state, title, priority FROM incident WHERE id = ANY (?)), "
                + no.nhn.driftsvakt.incident.IncidentStore.PROBLEM_OF_EACH
                + " SELECT inc.id, inc.component_id, inc.state, inc.title, pp.problem_id, inc.priority FROM inc "
                + "LEFT JOIN pp ON pp.incident_id = inc.id ORDER BY inc.id",
                ps -> ps.setArray(1, c.createArrayOf("text", ids.toArray())));
    }

    /**
     * Open incidents (suspected to monitoring), at most 1000: planned again when planned maintenance ends, so what
     * was suppressed during the work is told if it outlasts it.
     */
    public List<Member> openIncidents(Connection c) throws SQLException {
        return members(c, "SELECT i.id, i.component_id, i.state, i.title, " + PROBLEM + ", i.priority FROM incident i "
                + "WHERE i.state IN ('suspected','investigating','identified','monitoring') ORDER BY i.opened_at DESC "
                + "LIMIT 1000", ps -> { });
    }

    private static final String PROBLEM = "(SELECT pi.problem_id FROM problem_incident pi JOIN problem p ON "
            + "p.id = pi.problem_id WHERE pi.incident_id = i.id AND p.state <> 'closed' AND p.kind <> 'RECURRING' "
            + "ORDER BY p.opened_at LIMIT 1)";

    /**
     * Gives each newly published incident its subject for good (its problem, or itself) and returns the subjects
     * of all the given incidents that have one.
     */
    public Set<String> subjectsOf(Connection c, List<Member> incidents, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_subject (incident_id, subject_id, "
                + "assigned_at) VALUES (?,?,?) ON CONFLICT (incident_id) DO NOTHING")) {
            for (Member m : incidents) {
                if (m.published()) {
                    ps.setString(1, m.id());
                    ps.setString(2, m.problemId() != null ? m.problemId() : m.id());
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subject_id FROM notify_subject WHERE "
                + "incident_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", incidents.stream().map(Member::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Subjects with a held message whose window has opened. */
    public Set<String> dueHeld(Connection c, Instant now) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subject_id FROM notification WHERE state = "
                + "'held' AND not_before <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public List<Member> membersOf(Connection c, String subject) throws SQLException {
        return members(c, "SELECT i.id, i.component_id, i.state, i.title, " + PROBLEM + ", i.priority FROM incident i JOIN "
                + "notify_subject n ON n.incident_id = i.id WHERE n.subject_id = ? ORDER BY i.id",
                ps -> ps.setString(1, subject));
    }

    /** Public timeline entries of the subject's incidents, in order. */
    public List<SubjectView.PublicUpdate> updatesOf(Connection c, String subject) throws SQLException {
        List<SubjectView.PublicUpdate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.text FROM incident_update u JOIN notify_subject n "
                + "ON n.incident_id = u.incident_id WHERE n.subject_id = ? AND u.public ORDER BY u.id")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SubjectView.PublicUpdate(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    public String problemTitle(Connection c, String problemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT title FROM problem WHERE id = ?")) {
            ps.setString(1, problemId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : problemId;
            }
        }
    }

    /**
     * Recipients for a subject: subscribers (not erased) of the given groups, and everyone already told about it
     * (so they hear how it ends).
     */
    public List<Recipient> recipients(Connection c, List<String> groups, String subject, SubjectBuilder catalog)
            throws SQLException {
        List<Recipient> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.language, s.notify_window, s.all_components, "
                + "s.sms_state, s.email_state, s.webhook_state, "
                + "ARRAY(SELECT group_id FROM subscriber_group g WHERE g.subscriber_id = s.id ORDER BY group_id), "
                + "ARRAY(SELECT component_id FROM subscription x WHERE x.subscriber_id = s.id ORDER BY component_id) "
                + "FROM subscriber s WHERE s.erased_at IS NULL AND (s.id IN (SELECT subscriber_id FROM subscriber_group "
                + "WHERE group_id = ANY (?)) OR s.id IN (SELECT subscriber_id FROM notification WHERE subject_id = ?))")) {
            ps.setArray(1, c.createArrayOf("text", groups.toArray()));
            ps.setString(2, subject);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> g = texts(rs.getArray(8));
                    List<String> chosen = rs.getBoolean(4) ? List.of() : texts(rs.getArray(9));
                    Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
                    put(channels, Channel.SMS, rs.getString(5));
                    put(channels, Channel.EMAIL, rs.getString(6));
                    put(channels, Channel.WEBHOOK, rs.getString(7));
                    String window = rs.getString(3);
                    out.add(new Recipient(rs.getString(1), catalog.componentsOf(g, chosen), channels,
                            catalog.windowOf(g, window), rs.getString(2), catalog.pilot(g)));
                }
            }
        }
        return out;
    }

    /** The ledger for one subject, by subscriber, in the order decided. */
    public Map<String, List<LedgerEntry>> ledger(Connection c, String subject) throws SQLException {
        Map<String, List<LedgerEntry>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, transition, kind, channel, state, services, "
                + "update_id FROM notification WHERE subject_id = ? ORDER BY id")) {
            ps.setString(1, subject);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new LedgerEntry(rs.getString(2),
                            TransitionKind.valueOf(rs.getString(3)), Channel.valueOf(rs.getString(4).toUpperCase()),
                            rs.getString(5), services(rs.getString(6)), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    /** The person on duty in a role, as a recipient of staff alerts (around the clock, every channel). */
    public java.util.Optional<Recipient> onDuty(Connection c, String role) throws SQLException {
        return staff(c, "SELECT s.id, s.language, s.sms_state, s.email_state, s.webhook_state FROM duty d JOIN "
                + "subscriber s ON s.id = d.subscriber_id WHERE d.role = ? AND s.erased_at IS NULL", role);
    }

    /** A registered contact as a recipient of staff messages (around the clock, every channel); empty if erased. */
    public java.util.Optional<Recipient> staffRecipient(Connection c, String subscriberId) throws SQLException {
        return staff(c, "SELECT s.id, s.language, s.sms_state, s.email_state, s.webhook_state FROM subscriber s "
                + "WHERE s.id = ? AND s.erased_at IS NULL", subscriberId);
    }

    /**
     * A support group's contact from the catalog (an e-mail address or a phone number) as a staff recipient: the
     * registered contact with that address; empty when nobody registered it.
     */
    public java.util.Optional<Recipient> contactRecipient(Connection c, String contact) throws SQLException {
        if (contact == null || contact.isBlank()) {
            return java.util.Optional.empty();
        }
        return staff(c, "SELECT s.id, s.language, s.sms_state, s.email_state, s.webhook_state FROM subscriber s "
                + "WHERE (lower(s.email) = lower(?) OR s.phone = ?) AND s.erased_at IS NULL ORDER BY s.id LIMIT 1",
                contact.strip(), contact.strip());
    }

    private java.util.Optional<Recipient> staff(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
                put(channels, Channel.SMS, rs.getString(3));
                put(channels, Channel.EMAIL, rs.getString(4));
                put(channels, Channel.WEBHOOK, rs.getString(5));
                return java.util.Optional.of(new Recipient(rs.getString(1), Set.of(), channels, NotifyWindow.ALWAYS,
                        rs.getString(2), true));
            }
        }
    }

    /** An incident assigned to a support group, as the assignment notices need it. */
    public record Assigned(String id, String componentId, String state, String assignee) {
    }

    /** Of these incidents, the open ones assigned to a support group. */
    public List<Assigned> assigned(Connection c, java.util.Collection<String> incidentIds) throws SQLException {
        List<Assigned> out = new ArrayList<>();
        if (incidentIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, component_id, state, assignee FROM incident "
                + "WHERE id = ANY (?) AND assignee IS NOT NULL AND state IN ('suspected','investigating','identified',"
                + "'monitoring') ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("text", incidentIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Assigned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The assignment notices already in the ledger for an incident (keys {@code assigned-<group>#1}). */
    public Set<String> assignmentsTold(Connection c, String incidentId) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT transition FROM notification WHERE subject_id = ? "
                + "AND kind = 'ASSIGNMENT'")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public String incidentTitle(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT title FROM incident WHERE id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : incidentId;
            }
        }
    }

    public String priorityOf(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT priority FROM incident WHERE id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    /** An open incident that may be due for escalation. */
    public record Open(String id, String componentId, String priority, Instant openedAt) {
    }

    /** Open incidents (suspected to monitoring) of these priorities, opened before a time. */
    public List<Open> openForEscalation(Connection c, Set<String> priorities, Instant openedBefore) throws SQLException {
        List<Open> out = new ArrayList<>();
        if (priorities.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, component_id, priority, opened_at FROM incident "
                + "WHERE state IN ('suspected','investigating','identified','monitoring') AND priority = ANY (?) "
                + "AND opened_at <= ? ORDER BY opened_at LIMIT 1000")) {
            ps.setArray(1, c.createArrayOf("text", priorities.toArray()));
            ps.setTimestamp(2, java.sql.Timestamp.from(openedBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Open(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /** The escalation levels already sent for an incident (ledger keys {@code escalation#n}). */
    public Set<String> escalated(Connection c, String incidentId) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT transition FROM notification WHERE subject_id = ? "
                + "AND transition LIKE 'escalation#%'")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public boolean alerted(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notification WHERE subject_id = ? AND transition = "
                + "'staff-alert#1' LIMIT 1")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Sets who is on duty in a role. */
    public void setDuty(Connection c, String role, String subscriberId, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO duty (role, subscriber_id, set_by, set_at) VALUES "
                + "(?,?,?,?) ON CONFLICT (role) DO UPDATE SET subscriber_id = excluded.subscriber_id, set_by = "
                + "excluded.set_by, set_at = excluded.set_at")) {
            ps.setString(1, role);
            ps.setString(2, subscriberId);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public Map<String, String> duty(Connection c) throws SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT role, subscriber_id FROM duty");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** One ledger row as staff see it: ids and outcome, never an address. */
    public record Delivery(long id, String subjectId, String transition, String subscriberId, String channel,
                           String state, String reason, int attempts, String error, Instant updatedAt) {
    }

    /** The subject an incident is announced under, if it has been published. */
    public java.util.Optional<String> subjectOf(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT subject_id FROM notify_subject WHERE incident_id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    public List<Delivery> deliveries(Connection c, String subject, int limit) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, subject_id, transition, subscriber_id, channel, state, "
                + "reason, attempts, error, updated_at FROM notification WHERE subject_id = ? ORDER BY id LIMIT ?")) {
            ps.setString(1, subject);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return out;
    }

    /** Counts by transition, channel and state for a subject. */
    public List<Map<String, Object>> deliverySummary(Connection c, String subject) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT transition, channel, state, count(*) FROM notification "
                + "WHERE subject_id = ? GROUP BY transition, channel, state ORDER BY min(id), channel, state")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("transition", rs.getString(1));
                    row.put("channel", rs.getString(2));
                    row.put("state", rs.getString(3));
                    row.put("count", rs.getLong(4));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** SMS on their way or sent per subscriber since {@code since}. */
    public Map<String, Integer> smsSince(Connection c, Instant since) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, count(*) FROM notification WHERE channel = "
                + "'sms' AND state = ANY (?) AND updated_at > ? GROUP BY subscriber_id")) {
            ps.setArray(1, c.createArrayOf("text", DELIVERING.toArray()));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** Stores decisions: new ledger rows, changes to held ones, and an event for each message to send. */
    public int apply(Connection c, List<Decision> decisions, Instant now) throws SQLException {
        List<Map.Entry<String, String>> events = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notification (subject_id, transition, "
                + "subscriber_id, channel, kind, state, reason, services, update_id, not_before, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (subject_id, transition, subscriber_id, channel) DO NOTHING");
             PreparedStatement update = c.prepareStatement("UPDATE notification SET state = ?, reason = ?, updated_at = ? "
                     + "WHERE subject_id = ? AND transition = ? AND subscriber_id = ? AND channel = ? AND state = 'held'")) {
            int batched = 0;
            for (Decision d : decisions) {
                if (!d.stored()) {
                    continue;
                }
                if (d.changesHeld()) {
                    update.setString(1, d.ledgerState());
                    update.setString(2, d.reason().wire());
                    update.setTimestamp(3, Timestamp.from(now));
                    update.setString(4, d.subjectId());
                    update.setString(5, d.transition());
                    update.setString(6, d.subscriberId());
                    update.setString(7, d.channel().wire());
                    update.addBatch();
                } else {
                    insert.setString(1, d.subjectId());
                    insert.setString(2, d.transition());
                    insert.setString(3, d.subscriberId());
                    insert.setString(4, d.channel().wire());
                    insert.setString(5, d.kind().name());
                    insert.setString(6, d.ledgerState());
                    insert.setString(7, d.reason().wire());
                    insert.setString(8, write(d.services()));
                    insert.setLong(9, d.updateId());
                    insert.setTimestamp(10, d.notBefore() == null ? null : Timestamp.from(d.notBefore()));
                    insert.setTimestamp(11, Timestamp.from(now));
                    insert.setTimestamp(12, Timestamp.from(now));
                    insert.addBatch();
                }
                if (d.ledgerState().equals("planned")) {
                    events.add(Map.entry(d.subscriberId(), write(new NotificationEvent(d.subjectId(), d.transition(),
                            d.subscriberId(), d.channel().wire()))));
                }
                if (++batched % 1000 == 0) {
                    insert.executeBatch();
                    update.executeBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
        outbox.addAll(c, Topics.NOTIFICATIONS.name(), events);
        return events.size();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<Member> members(Connection c, String sql, Binder binder) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static void put(Map<Channel, ChannelState> m, Channel ch, String state) {
        if (state != null) {
            m.put(ch, ChannelState.fromWire(state));
        }
    }

    Set<String> services(String jsonArray) {
        try {
            return Set.copyOf(json.readValue(jsonArray, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger services not readable: " + jsonArray, e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o instanceof Set<?> set ? set.stream().map(String::valueOf).sorted().toList() : o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

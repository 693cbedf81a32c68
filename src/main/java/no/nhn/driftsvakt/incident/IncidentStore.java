package no.nhn.driftsvakt.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;
import no.nhn.driftsvakt.platform.Topics;

/**
 * Incidents in PostgreSQL. Every change is saved with its timeline entries and its event in the outbox, in the
 * caller's transaction; a change based on a stale version is refused ({@link StaleIncidentException}).
 */
@ApplicationScoped
public class IncidentStore {

    private static final String COLUMNS = "id, component_id, title, state, priority, impact, urgency, origin, "
            + "failing_sources, opened_at, confirmed_at, resolved_at, problem_id, version, updated_at, assignee, "
            + "failing_since";

    /** As {@link #COLUMNS}, with the problem the incident belongs to (the correlator keeps that link). */
    private static final String SELECT = "id, component_id, title, state, priority, impact, urgency, origin, "
            + "failing_sources, opened_at, confirmed_at, resolved_at, (SELECT pi.problem_id FROM problem_incident pi "
            + "JOIN problem p ON p.id = pi.problem_id WHERE pi.incident_id = incident.id AND p.state <> 'closed' "
            + "AND p.kind <> 'RECURRING' ORDER BY p.opened_at LIMIT 1) AS problem_id, version, updated_at, assignee, "
            + "failing_since";

    @Inject
    DataSource ds;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Inject
    java.time.Clock clock;

    /** Thrown when an incident changed since it was read. */
    public static final class StaleIncidentException extends RuntimeException {
        StaleIncidentException(String id) {
            super("incident " + id + " was changed by someone else; reload and try again");
        }
    }

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    public String nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('incident_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("INC-%06d", rs.getLong(1));
        }
    }

    /** {@code n} new incident ids, in one round trip, in increasing order. */
    public List<String> nextIds(Connection c, int n) throws SQLException {
        List<Long> numbers = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('incident_seq') FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        }
        java.util.Collections.sort(numbers);
        return numbers.stream().map(v -> String.format("INC-%06d", v)).toList();
    }

    /** Records a signal id; false when it was processed before. */
    public boolean markProcessed(Connection c, String signalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_signal (signal_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, signalId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Of these signal ids, records the ones not seen before and returns them (one statement for a batch). */
    public java.util.Set<String> markProcessed(Connection c, java.util.Collection<String> signalIds) throws SQLException {
        java.util.Set<String> fresh = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processed_signal (signal_id) "
                + "SELECT DISTINCT unnest(?::text[]) ON CONFLICT DO NOTHING RETURNING signal_id")) {
            ps.setArray(1, c.createArrayOf("text", signalIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        return fresh;
    }

    /** The open incident of each of these components that has one. */
    public Map<String, Incident> findOpen(Connection c, java.util.Collection<String> componentIds) throws SQLException {
        return byComponent(c, withProblems("SELECT * FROM incident WHERE component_id = ANY (?) AND state IN "
                + "('suspected','investigating','identified','monitoring')"), componentIds);
    }

    /** The latest dismissed incident still tracking a failure, for each of these components that has one. */
    public Map<String, Incident> findDismissedTracking(Connection c, java.util.Collection<String> componentIds)
            throws SQLException {
        return byComponent(c, withProblems("SELECT DISTINCT ON (component_id) * FROM incident WHERE component_id = "
                + "ANY (?) AND state = 'dismissed' AND failing_sources <> '{}' ORDER BY component_id, opened_at DESC"),
                componentIds);
    }

    /**
     * A common table expression {@code pp (incident_id, problem_id)}: for each incident of a preceding CTE {@code inc}
     * (with an {@code id} column), the earliest open, non-recurring problem it belongs to, found for all of them in one
     * join. Join it with {@code LEFT JOIN pp ON pp.incident_id = inc.id}.
     */
    public static final String PROBLEM_OF_EACH = "pp AS (SELECT DISTINCT ON (pi.incident_id) pi.incident_id, "
            + "pi.problem_id FROM problem_incident pi JOIN problem p ON p.id = pi.problem_id WHERE pi.incident_id IN "
            + "(SELECT id FROM inc) AND p.state <> 'closed' AND p.kind <> 'RECURRING' "
            + "ORDER BY pi.incident_id, p.opened_at, p.id)";

    /**
     * {@link #SELECT}'s columns for the incident rows {@code rows} selects, each with its problem found for all of
     * them at once. {@link #SELECT}'s subquery per row is fine for one incident, but PostgreSQL plans it as a walk
     * over the problems for each: 26 ms for a batch's hundred open incidents in a storm, against 2 ms this way
     * (bench/kafka).
     */
    static String withProblems(String rows) {
        return "WITH inc AS (" + rows + "), " + PROBLEM_OF_EACH
                + " SELECT inc.id, inc.component_id, inc.title, inc.state, inc.priority, inc.impact, inc.urgency, "
                + "inc.origin, inc.failing_sources, inc.opened_at, inc.confirmed_at, inc.resolved_at, pp.problem_id, "
                + "inc.version, inc.updated_at, inc.assignee, inc.failing_since FROM inc LEFT JOIN pp "
                + "ON pp.incident_id = inc.id";
    }

    private Map<String, Incident> byComponent(Connection c, String sql, java.util.Collection<String> componentIds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", componentIds.toArray()));
            Map<String, Incident> out = new java.util.HashMap<>();
            for (Incident i : all(ps)) {
                out.put(i.componentId(), i);
            }
            return out;
        }
    }

    public Optional<Incident> findOpen(Connection c, String componentId) throws SQLException {
        return one(c, "SELECT " + SELECT + " FROM incident WHERE component_id = ? AND state IN "
                + "('suspected','investigating','identified','monitoring')", componentId);
    }

    public Optional<Incident> findDismissedTracking(Connection c, String componentId) throws SQLException {
        return one(c, "SELECT " + SELECT + " FROM incident WHERE component_id = ? AND state = 'dismissed' "
                + "AND failing_sources <> '{}' ORDER BY opened_at DESC LIMIT 1", componentId);
    }

    public Optional<Incident> find(Connection c, String id) throws SQLException {
        return one(c, "SELECT " + SELECT + " FROM incident WHERE id = ?", id);
    }

    /** Most recent first; every filter optional. */
    public List<Incident> list(Connection c, String state, String componentId, Instant since, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + SELECT + " FROM incident WHERE true");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        if (componentId != null) {
            sql.append(" AND component_id = ?");
            args.add(componentId);
        }
        if (since != null) {
            sql.append(" AND updated_at >= ?");
            args.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return all(ps);
        }
    }

    /** What customers may see: confirmed incidents still open, and those resolved in the last day. */
    public List<Incident> published(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECT + " FROM incident WHERE confirmed_at IS NOT NULL "
                + "AND (state IN ('investigating','identified','monitoring') OR (state = 'resolved' "
                + "AND resolved_at > now() - interval '24 hours')) ORDER BY opened_at DESC LIMIT 50")) {
            return all(ps);
        }
    }

    /** Every confirmed incident opened since a time (the archive), newest first. */
    public List<Incident> publishedSince(Connection c, Instant since, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECT + " FROM incident WHERE confirmed_at IS NOT "
                + "NULL AND state <> 'dismissed' AND opened_at >= ? ORDER BY opened_at DESC LIMIT ?")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            ps.setInt(2, limit);
            return all(ps);
        }
    }

    /** Confirmed incidents changed since a time (dismissed ones included, so a reader can drop them). */
    public List<Incident> publishedChangedSince(Connection c, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECT + " FROM incident WHERE confirmed_at IS NOT "
                + "NULL AND updated_at >= ? ORDER BY opened_at DESC LIMIT 5000")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            return all(ps);
        }
    }

    /** The public timeline entries of many incidents in one query, oldest first per incident. */
    public java.util.Map<String, List<TimelineEntry>> publicTimelines(Connection c, java.util.Collection<String> ids)
            throws SQLException {
        java.util.Map<String, List<TimelineEntry>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT incident_id, at, author, kind, public, text, state FROM "
                + "incident_update WHERE incident_id = ANY (?) AND public ORDER BY at, id")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TimelineEntry(
                            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6), IncidentState.fromWire(rs.getString(7))));
                }
            }
        }
        return out;
    }

    public List<TimelineEntry> timeline(Connection c, String incidentId) throws SQLException {
        List<TimelineEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, author, kind, public, text, state FROM "
                + "incident_update WHERE incident_id = ? ORDER BY at, id")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getString(5), IncidentState.fromWire(rs.getString(6))));
                }
            }
        }
        return out;
    }

    /** Saves one incident change with its timeline entries and events (as {@link #saveAll} for one). */
    public void save(Connection c, Incident i, List<TimelineEntry> added) throws SQLException {
        saveAll(c, List.of(new Change(i, added)));
    }

    /** An incident as one decision left it, and the timeline entries that decision added. */
    public record Change(Incident incident, List<TimelineEntry> added) {
    }

    private static final String INSERT = "INSERT INTO incident (" + COLUMNS + ") "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    /**
     * Every column, bound as for {@link #INSERT} (component, origin and opening time never change, so writing them
     * again is harmless), then the id and the version it must have had.
     */
    private static final String UPDATE = "UPDATE incident SET (" + COLUMNS + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            + "WHERE id = ? AND version = ?";

    /**
     * Saves a batch of decisions, in order, in a handful of round trips instead of several per decision:
     * <ol>
     * <li>each incident's row once, in the state its last decision left it; a row that existed before is checked
     * against the version it had then ({@link StaleIncidentException} if someone changed it meanwhile). Updates go
     * before inserts: an update may close a component's open incident that a new one in the same batch follows (at
     * most one open incident per component), while the engine never reopens an incident;</li>
     * <li>every decision's timeline entries, then its event and status signal into the outbox, in decision order.</li>
     * </ol>
     */
    public void saveAll(Connection c, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Incident> last = new java.util.LinkedHashMap<>();
        Map<String, Integer> before = new java.util.HashMap<>(); // the version before this batch; 0: a new incident
        for (Change ch : changes) {
            before.putIfAbsent(ch.incident().id(), ch.incident().version() - 1);
            last.put(ch.incident().id(), ch.incident());
        }
        List<String> updated = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Incident i : last.values()) {
                int was = before.get(i.id());
                if (was > 0) {
                    bind(ps, i, write(i.failingSources()));
                    ps.setString(18, i.id());
                    ps.setInt(19, was);
                    ps.addBatch();
                    updated.add(i.id());
                }
            }
            if (!updated.isEmpty()) {
                int[] counts = ps.executeBatch();
                for (int k = 0; k < counts.length; k++) {
                    if (counts[k] != 1) {
                        throw new StaleIncidentException(updated.get(k));
                    }
                }
            }
        }
        if (updated.size() < last.size()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Incident i : last.values()) {
                    if (before.get(i.id()) == 0) {
                        bind(ps, i, write(i.failingSources()));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_update (incident_id, at, author, kind, "
                + "public, text, state) VALUES (?,?,?,?,?,?,?)")) {
            int entries = 0;
            for (Change ch : changes) {
                for (TimelineEntry e : ch.added()) {
                    ps.setString(1, ch.incident().id());
                    ps.setTimestamp(2, ts(e.at()));
                    ps.setString(3, e.author());
                    ps.setString(4, e.kind());
                    ps.setBoolean(5, e.isPublic());
                    ps.setString(6, e.text());
                    ps.setString(7, e.state().wire());
                    ps.addBatch();
                    entries++;
                }
            }
            if (entries > 0) {
                ps.executeBatch();
            }
        }
        List<Outbox.Row> events = new ArrayList<>();
        for (Change ch : changes) {
            try {
                events.add(new Outbox.Row(Topics.INCIDENTS.name(), ch.incident().id(),
                        json.writeValueAsString(IncidentEvent.of(ch.incident(), ch.added()))));
            } catch (Exception e) {
                throw new SQLException("incident event not serialisable", e);
            }
            statusSignal(ch.incident()).ifPresent(events::add);
        }
        outbox.add(c, events);
    }

    /**
     * A confirmed incident (or one reported by staff) drives its component's status: while it is confirmed a
     * signal from source {@code incident} says down (outage) or degraded; when it leaves those states, up. The
     * signal goes through the outbox in the same transaction, so status and incident never disagree for long.
     */
    private Optional<Outbox.Row> statusSignal(Incident i) throws SQLException {
        boolean confirmed = i.state().isConfirmed();
        boolean wasConfirmed = i.confirmedAt() != null;
        if (!confirmed && !wasConfirmed) {
            return Optional.empty(); // never published: status stays with the monitors
        }
        SignalState state = !confirmed ? SignalState.UP
                : i.urgency() == Priority.Urgency.HIGH ? SignalState.DOWN : SignalState.DEGRADED;
        // Dated by our clock, not the incident's (a monitor's time can be earlier than a staff confirmation, and
        // status ignores a signal older than the one before it from the same source).
        Instant at = i.updatedAt().isAfter(Instant.now(clock)) ? i.updatedAt() : Instant.now(clock);
        Signal s = new Signal("incident:" + i.id() + ":" + i.version(), INCIDENT_SOURCE, i.componentId(), state,
                i.title(), Map.of("incident", i.id(), "priority", i.priority().name()), at, "incident:" + i.id());
        try {
            return Optional.of(new Outbox.Row(Topics.SIGNALS.name(), i.componentId(), json.writeValueAsString(s)));
        } catch (Exception e) {
            throw new SQLException("status signal not serialisable", e);
        }
    }

    /** The source name of signals that incidents send about their component's status. */
    public static final String INCIDENT_SOURCE = "incident";

    private void bind(PreparedStatement ps, Incident i, String sources) throws SQLException {
        ps.setString(1, i.id());
        ps.setString(2, i.componentId());
        ps.setString(3, i.title());
        ps.setString(4, i.state().wire());
        ps.setString(5, i.priority().name());
        ps.setString(6, i.impact().name());
        ps.setString(7, i.urgency().name());
        ps.setString(8, i.origin());
        ps.setString(9, sources);
        ps.setTimestamp(10, ts(i.openedAt()));
        ps.setTimestamp(11, ts(i.confirmedAt()));
        ps.setTimestamp(12, ts(i.resolvedAt()));
        ps.setString(13, i.problemId());
        ps.setInt(14, i.version());
        ps.setTimestamp(15, ts(i.updatedAt()));
        ps.setString(16, i.assignee());
        ps.setString(17, writeTimes(i.failingSince()));
    }

    private Optional<Incident> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<Incident> all = all(ps);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        }
    }

    private List<Incident> all(PreparedStatement ps) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Incident(rs.getString(1), rs.getString(2), rs.getString(3),
                        IncidentState.fromWire(rs.getString(4)), Priority.valueOf(rs.getString(5)),
                        Priority.Impact.valueOf(rs.getString(6)), Priority.Urgency.valueOf(rs.getString(7)),
                        rs.getString(8), read(rs.getString(9)), instant(rs.getTimestamp(10)),
                        instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getString(13), rs.getInt(14),
                        instant(rs.getTimestamp(15)), rs.getString(16), readTimes(rs.getString(17))));
            }
        }
        return out;
    }

    private String write(Map<String, String> m) throws SQLException {
        try {
            return json.writeValueAsString(m);
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private Map<String, String> read(String s) throws SQLException {
        try {
            return json.readValue(s, new TypeReference<Map<String, String>>() {
            });
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private String writeTimes(Map<String, Instant> m) throws SQLException {
        if (m.isEmpty()) {
            return "{}";
        }
        try {
            return json.writeValueAsString(m);
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private Map<String, Instant> readTimes(String s) throws SQLException {
        if (s == null || s.equals("{}")) {
            return Map.of();
        }
        try {
            return json.readValue(s, new TypeReference<Map<String, Instant>>() {
            });
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

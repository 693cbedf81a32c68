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
            + "failing_sources, opened_at, confirmed_at, resolved_at, problem_id, version, updated_at, assignee";

    /** As {@link #COLUMNS}, with the problem the incident belongs to (the correlator keeps that link). */
    private static final String SELECT = "id, component_id, title, state, priority, impact, urgency, origin, "
            + "failing_sources, opened_at, confirmed_at, resolved_at, (SELECT pi.problem_id FROM problem_incident pi "
            + "JOIN problem p ON p.id = pi.problem_id WHERE pi.incident_id = incident.id AND p.state <> 'closed' "
            + "AND p.kind <> 'RECURRING' ORDER BY p.opened_at LIMIT 1) AS problem_id, version, updated_at, assignee";

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
        return byComponent(c, "SELECT " + SELECT + " FROM incident WHERE component_id = ANY (?) AND state IN "
                + "('suspected','investigating','identified','monitoring')", componentIds);
    }

    /** The latest dismissed incident still tracking a failure, for each of these components that has one. */
    public Map<String, Incident> findDismissedTracking(Connection c, java.util.Collection<String> componentIds)
            throws SQLException {
        return byComponent(c, "SELECT DISTINCT ON (component_id) " + SELECT + " FROM incident WHERE component_id = "
                + "ANY (?) AND state = 'dismissed' AND failing_sources <> '{}' ORDER BY component_id, opened_at DESC",
                componentIds);
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

    /** Saves a new version of an incident (version 1 inserts), its timeline entries, and its event. */
    public void save(Connection c, Incident i, List<TimelineEntry> added) throws SQLException {
        String sources = write(i.failingSources());
        if (i.version() == 1) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident (" + COLUMNS + ") VALUES "
                    + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                bind(ps, i, sources);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET title = ?, state = ?, priority = ?, "
                    + "impact = ?, urgency = ?, failing_sources = ?, confirmed_at = ?, resolved_at = ?, problem_id = ?, "
                    + "version = ?, updated_at = ?, assignee = ? WHERE id = ? AND version = ?")) {
                ps.setString(1, i.title());
                ps.setString(2, i.state().wire());
                ps.setString(3, i.priority().name());
                ps.setString(4, i.impact().name());
                ps.setString(5, i.urgency().name());
                ps.setString(6, sources);
                ps.setTimestamp(7, ts(i.confirmedAt()));
                ps.setTimestamp(8, ts(i.resolvedAt()));
                ps.setString(9, i.problemId());
                ps.setInt(10, i.version());
                ps.setTimestamp(11, ts(i.updatedAt()));
                ps.setString(12, i.assignee());
                ps.setString(13, i.id());
                ps.setInt(14, i.version() - 1);
                if (ps.executeUpdate() != 1) {
                    throw new StaleIncidentException(i.id());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_update (incident_id, at, author, kind, "
                + "public, text, state) VALUES (?,?,?,?,?,?,?)")) {
            for (TimelineEntry e : added) {
                ps.setString(1, i.id());
                ps.setTimestamp(2, ts(e.at()));
                ps.setString(3, e.author());
                ps.setString(4, e.kind());
                ps.setBoolean(5, e.isPublic());
                ps.setString(6, e.text());
                ps.setString(7, e.state().wire());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        String event;
        try {
            event = json.writeValueAsString(IncidentEvent.of(i, added));
        } catch (Exception e) {
            throw new SQLException("incident event not serialisable", e);
        }
        outbox.add(c, Topics.INCIDENTS.name(), i.id(), event);
        statusSignal(c, i);
    }

    /**
     * A confirmed incident (or one reported by staff) drives its component's status: while it is confirmed a
     * signal from source {@code incident} says down (outage) or degraded; when it leaves those states, up. The
     * signal goes through the outbox in the same transaction, so status and incident never disagree for long.
     */
    private void statusSignal(Connection c, Incident i) throws SQLException {
        boolean confirmed = i.state().isConfirmed();
        boolean wasConfirmed = i.confirmedAt() != null;
        if (!confirmed && !wasConfirmed) {
            return; // never published: status stays with the monitors
        }
        SignalState state = !confirmed ? SignalState.UP
                : i.urgency() == Priority.Urgency.HIGH ? SignalState.DOWN : SignalState.DEGRADED;
        // Dated by our clock, not the incident's (a monitor's time can be earlier than a staff confirmation, and
        // status ignores a signal older than the one before it from the same source).
        Instant at = i.updatedAt().isAfter(Instant.now(clock)) ? i.updatedAt() : Instant.now(clock);
        Signal s = new Signal("incident:" + i.id() + ":" + i.version(), INCIDENT_SOURCE, i.componentId(), state,
                i.title(), Map.of("incident", i.id(), "priority", i.priority().name()), at, "incident:" + i.id());
        try {
            outbox.add(c, Topics.SIGNALS.name(), i.componentId(), json.writeValueAsString(s));
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
                        instant(rs.getTimestamp(15)), rs.getString(16)));
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

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

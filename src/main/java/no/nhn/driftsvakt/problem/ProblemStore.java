package no.nhn.driftsvakt.problem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.correlation.IncidentFacts;
import no.nhn.driftsvakt.correlation.ProblemGroup;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Topics;

/** Problems, their incidents and staff pins in PostgreSQL; every saved change also goes to the outbox. */
@ApplicationScoped
public class ProblemStore {

    private static final String COLUMNS = "id, key, kind, state, title, root_component, root_suspected, root_incident, "
            + "reason, root_cause, workaround, workaround_public, merged_into, opened_at, resolved_at, version, updated_at";

    @Inject
    DataSource ds;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    /** What {@code driftsvakt.problems} carries; {@code eventId} is {@code <problem id>:<version>}. */
    public record ProblemEvent(String eventId, Problem problem) {
    }

    /** Thrown when a problem changed since it was read. */
    public static final class StaleProblemException extends RuntimeException {
        StaleProblemException(String id) {
            super("problem " + id + " was changed by someone else (or the correlator); reload and try again");
        }
    }

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    public String nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('problem_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("PRB-%06d", rs.getLong(1));
        }
    }

    /**
     * Incidents the correlator looks at, bounded so a long storm does not make every run read a week of history:
     * those opened since {@code recent}, those still open, those in a problem that is not closed, and, for
     * components with at least {@code recurrenceCount} incidents since {@code period}, those. Their states go to
     * {@code states} (incident id → wire value), so a run needs no second read of them.
     */
    public List<IncidentFacts> incidentFacts(Connection c, Instant recent, Instant period, int recurrenceCount,
                                             Map<String, String> states) throws SQLException {
        // A union of four index scans rather than one WHERE with ORs, which PostgreSQL can only answer by reading
        // every incident there ever was, on every run.
        return facts(c, FACTS + "WHERE i.opened_at >= ? " + OPEN_OR_IN_OPEN_PROBLEM
                + " UNION " + FACTS + "WHERE i.opened_at >= ? AND i.component_id IN (SELECT component_id FROM incident "
                + "WHERE opened_at >= ? AND state <> 'dismissed' GROUP BY component_id HAVING count(*) >= ?)",
                states, Timestamp.from(recent), Timestamp.from(period), Timestamp.from(period), recurrenceCount);
    }

    /**
     * What {@link CorrelationInput} starts from: every incident {@link #incidentFacts} may read now or, for counting
     * recurrence, may need later: those opened since the earlier of {@code recent} and {@code period}, those still
     * open, and those in a problem that is not closed.
     */
    public List<IncidentFacts> incidentFactsToKeep(Connection c, Instant recent, Instant period,
                                                   Map<String, String> states) throws SQLException {
        Instant since = recent.isBefore(period) ? recent : period;
        return facts(c, FACTS + "WHERE i.opened_at >= ? " + OPEN_OR_IN_OPEN_PROBLEM, states, Timestamp.from(since));
    }

    /**
     * The incidents whose events went to the outbox since {@code since} (by the database's clock, inclusive): every
     * change of an incident writes one in its transaction.
     */
    public List<IncidentFacts> changedIncidentFacts(Connection c, Instant since, Map<String, String> states)
            throws SQLException {
        return facts(c, FACTS + "WHERE i.id IN (SELECT key FROM outbox WHERE topic = '" + Topics.INCIDENTS.name()
                + "' AND created_at >= ?)", states, Timestamp.from(since));
    }

    /** These incidents' facts. */
    public List<IncidentFacts> incidentFactsOf(Connection c, java.util.Collection<String> ids,
                                               Map<String, String> states) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return facts(c, FACTS + "WHERE i.id = ANY (?)", states, c.createArrayOf("text", ids.toArray()));
    }

    /**
     * Id → version of the problems whose events went to the outbox since {@code since} (inclusive): every saved
     * change of a problem, by the correlator on any replica or by staff, writes one in its transaction.
     */
    public Map<String, Integer> changedProblemVersions(Connection c, Instant since) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM problem WHERE id IN (SELECT key FROM "
                + "outbox WHERE topic = '" + Topics.PROBLEMS.name() + "' AND created_at >= ?)")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private static final String FACTS =
            "SELECT i.id, i.component_id, i.opened_at, i.resolved_at, i.state, i.version FROM incident i ";

    /** Two of the rules both reads share, as UNION branches of {@link #FACTS}: open, and in a problem not closed. */
    private static final String OPEN_OR_IN_OPEN_PROBLEM = "UNION " + FACTS
            + "WHERE i.state IN ('suspected','investigating','identified','monitoring') "
            + "UNION " + FACTS + "JOIN problem_incident pi ON pi.incident_id = i.id JOIN problem p "
            + "ON p.id = pi.problem_id WHERE p.state <> 'closed'";

    /** Runs a {@link #FACTS} query; each incident's state goes to {@code states}. */
    private static List<IncidentFacts> facts(Connection c, String sql, Map<String, String> states, Object... args)
            throws SQLException {
        List<IncidentFacts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(4);
                    states.put(rs.getString(1), rs.getString(5));
                    out.add(new IncidentFacts(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            resolved == null ? null : resolved.toInstant(), rs.getString(5).equals("dismissed"),
                            rs.getInt(6)));
                }
            }
        }
        return out;
    }

    /** Incident id → state, for the given ids. */
    public Map<String, String> incidentStates(Connection c, java.util.Collection<String> ids) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, state FROM incident WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public Map<String, String> pins(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT incident_id, problem_key FROM problem_pin");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    public void pin(Connection c, String incidentId, String key, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO problem_pin (incident_id, problem_key, pinned_by, "
                + "pinned_at) VALUES (?,?,?,?) ON CONFLICT (incident_id) DO UPDATE SET problem_key = excluded.problem_key, "
                + "pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at")) {
            ps.setString(1, incidentId);
            ps.setString(2, key);
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** Every problem that is not closed. */
    public List<Problem> notClosed(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM problem WHERE state <> 'closed'", null, 100_000);
    }

    /** The closed problems with these keys, by key. */
    public Map<String, Problem> closedByKey(Connection c, java.util.Collection<String> keys) throws SQLException {
        Map<String, Problem> out = new HashMap<>();
        if (!keys.isEmpty()) {
            for (Problem p : query(c, "SELECT " + COLUMNS + " FROM problem WHERE state = 'closed' AND key = ANY (?)",
                    c.createArrayOf("text", keys.toArray()), 0)) {
                out.put(p.key(), p);
            }
        }
        return out;
    }

    public Optional<Problem> find(Connection c, String id) throws SQLException {
        List<Problem> l = query(c, "SELECT " + COLUMNS + " FROM problem WHERE id = ?", id, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The problem with this key (keys are unique). */
    public Optional<Problem> findByKey(Connection c, String key) throws SQLException {
        List<Problem> l = query(c, "SELECT " + COLUMNS + " FROM problem WHERE key = ?", key, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The problems (any state) that link this incident. */
    public List<Problem> withIncident(Connection c, String incidentId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM problem WHERE id IN (SELECT problem_id FROM problem_incident "
                + "WHERE incident_id = ?)", incidentId, 0);
    }

    /** The problems with these ids, in one statement. */
    public List<Problem> byIds(Connection c, java.util.Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(c, "SELECT " + COLUMNS + " FROM problem WHERE id = ANY (?)", c.createArrayOf("text", ids.toArray()),
                0);
    }

    public List<Problem> list(Connection c, String state, int limit) throws SQLException {
        return state == null ? query(c, "SELECT " + COLUMNS + " FROM problem ORDER BY opened_at DESC, id DESC LIMIT ?",
                null, limit)
                : query(c, "SELECT " + COLUMNS + " FROM problem WHERE state = ? ORDER BY opened_at DESC, id DESC LIMIT ?",
                state, limit);
    }

    /**
     * Inserts (version 1) or updates a problem, adds its event to the outbox, and links and unlinks the incidents that
     * joined and left since {@code linked} (its incident ids as stored, read in this transaction), so a growing
     * problem does not rewrite all its links on every run.
     */
    public void save(Connection c, Problem p, java.util.Collection<String> linked) throws SQLException {
        saveAll(c, List.of(new Change(p, p.version() == 1 ? List.of() : linked)));
    }

    /** A problem to write and the incidents it was linked to before (empty for a new one). */
    public record Change(Problem problem, java.util.Collection<String> linked) {
    }

    private static final String INSERT = "INSERT INTO problem (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    /** Every column, bound as for {@link #INSERT}, then the id and the version it must have had. */
    private static final String UPDATE = "UPDATE problem SET (" + COLUMNS + ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            + "WHERE id = ? AND version = ?";

    /**
     * Writes a correlation run's changed problems in a few statements: new problems, then updates (each checked
     * against its version), then the links that went and came, then their events in this order. In an alert storm
     * a run changes hundreds of recurring problems; one round trip each took most of the run (bench/kafka,
     * {@code correlation_save}).
     *
     * @throws StaleProblemException when a problem changed since it was read
     */
    public void saveAll(Connection c, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<Problem> updated = new ArrayList<>();
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            int n = 0;
            for (Change ch : changes) {
                if (ch.problem().version() == 1) {
                    bind(ins, ch.problem());
                    ins.addBatch();
                    n++;
                } else {
                    updated.add(ch.problem());
                }
            }
            if (n > 0) {
                ins.executeBatch();
            }
        }
        if (!updated.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                for (Problem p : updated) {
                    bind(ps, p);
                    ps.setString(18, p.id());
                    ps.setInt(19, p.version() - 1);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                if (counts.length != updated.size()) {
                    throw new SQLException("batch update answered " + counts.length + " counts for "
                            + updated.size() + " problems");
                }
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 1) {
                        throw new StaleProblemException(updated.get(i).id());
                    }
                }
            }
        }
        List<String> leftProblem = new ArrayList<>();
        List<String> leftIncident = new ArrayList<>();
        List<String> joinedProblem = new ArrayList<>();
        List<String> joinedIncident = new ArrayList<>();
        List<Outbox.Row> events = new ArrayList<>();
        for (Change ch : changes) {
            Problem p = ch.problem();
            java.util.Set<String> now = new java.util.HashSet<>(p.incidentIds());
            java.util.Set<String> before = new java.util.HashSet<>(p.version() == 1 ? List.of() : ch.linked());
            before.stream().filter(i -> !now.contains(i)).sorted().forEach(i -> {
                leftProblem.add(p.id());
                leftIncident.add(i);
            });
            now.stream().filter(i -> !before.contains(i)).sorted().forEach(i -> {
                joinedProblem.add(p.id());
                joinedIncident.add(i);
            });
            try {
                events.add(new Outbox.Row(Topics.PROBLEMS.name(), p.id(), json.writeValueAsString(
                        new ProblemEvent(p.id() + ":" + p.version(), p))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException(e);
            }
        }
        if (!leftProblem.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM problem_incident l USING "
                    + "unnest(?::text[], ?::text[]) AS d(problem_id, incident_id) "
                    + "WHERE l.problem_id = d.problem_id AND l.incident_id = d.incident_id")) {
                ps.setArray(1, c.createArrayOf("text", leftProblem.toArray()));
                ps.setArray(2, c.createArrayOf("text", leftIncident.toArray()));
                ps.executeUpdate();
            }
        }
        if (!joinedProblem.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO problem_incident (problem_id, incident_id) "
                    + "SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT DO NOTHING")) {
                ps.setArray(1, c.createArrayOf("text", joinedProblem.toArray()));
                ps.setArray(2, c.createArrayOf("text", joinedIncident.toArray()));
                ps.executeUpdate();
            }
        }
        outbox.add(c, events);
    }

    private void bind(PreparedStatement ps, Problem p) throws SQLException {
        ps.setString(1, p.id());
        ps.setString(2, p.key());
        ps.setString(3, p.kind().name());
        ps.setString(4, p.state().wire());
        ps.setString(5, p.title());
        ps.setString(6, p.rootComponent());
        ps.setBoolean(7, p.rootSuspected());
        ps.setString(8, p.rootIncidentId());
        ps.setString(9, p.reason());
        ps.setString(10, p.rootCause());
        ps.setString(11, p.workaround());
        ps.setBoolean(12, p.workaroundPublic());
        ps.setString(13, p.mergedInto());
        ps.setTimestamp(14, ts(p.openedAt()));
        ps.setTimestamp(15, ts(p.resolvedAt()));
        ps.setInt(16, p.version());
        ps.setTimestamp(17, ts(p.updatedAt()));
    }

    private List<Problem> query(Connection c, String sql, Object arg, int limit) throws SQLException {
        List<Problem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 1;
            if (arg != null) {
                ps.setObject(n++, arg);
            }
            if (sql.endsWith("LIMIT ?")) {
                ps.setInt(n, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new Problem(id, rs.getString(2), ProblemGroup.Kind.valueOf(rs.getString(3)),
                            ProblemState.fromWire(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getBoolean(12),
                            rs.getString(13), List.of(), rs.getTimestamp(14).toInstant(), instant(rs.getTimestamp(15)),
                            rs.getInt(16), rs.getTimestamp(17).toInstant()));
                }
            }
        }
        return withIncidents(c, out);
    }

    /** Adds each problem's incident ids, read in one statement for all of them. */
    private List<Problem> withIncidents(Connection c, List<Problem> problems) throws SQLException {
        if (problems.isEmpty()) {
            return problems;
        }
        Map<String, List<String>> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT problem_id, incident_id FROM problem_incident "
                + "WHERE problem_id = ANY (?) ORDER BY problem_id, incident_id")) {
            ps.setArray(1, c.createArrayOf("text", problems.stream().map(Problem::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Problem> out = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            out.add(withIncidents(p, ids.getOrDefault(p.id(), List.of())));
        }
        return out;
    }

    private static Problem withIncidents(Problem p, List<String> ids) {
        return new Problem(p.id(), p.key(), p.kind(), p.state(), p.title(), p.rootComponent(), p.rootSuspected(),
                p.rootIncidentId(), p.reason(), p.rootCause(), p.workaround(), p.workaroundPublic(), p.mergedInto(), ids,
                p.openedAt(), p.resolvedAt(), p.version(), p.updatedAt());
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

package no.nhn.driftsvakt.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The history of component status changes in PostgreSQL: the record that outlives Kafka's retention. */
@ApplicationScoped
public class StatusChangeRepository {

    /** One recorded change. */
    public record StatusChange(String componentId, ComponentStatus from, ComponentStatus to, String summary,
                               String signalId, Instant changedAt) {
    }

    private final DataSource ds;

    StatusChangeRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Records a change once, and only when it is one: the previous status is the last one recorded for the
     * component (so a restart that rebuilds status from scratch adds nothing), and a repeated signal id for the
     * same component is ignored.
     *
     * @return true when a row was written
     */
    public boolean record(StatusChange c) throws SQLException {
        return recordAll(List.of(c)) == 1;
    }

    /** Records several changes in order, in one transaction; @return how many rows were written. */
    public int recordAll(List<StatusChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return 0;
        }
        try (Connection con = ds.getConnection(); PreparedStatement ps = con.prepareStatement(
                "INSERT INTO status_change (component_id, from_status, to_status, summary, signal_id, changed_at) "
                        + "SELECT ?, last.to_status, ?, ?, ?, ? FROM (SELECT (SELECT to_status FROM status_change "
                        + "WHERE component_id = ? ORDER BY changed_at DESC, id DESC LIMIT 1) AS to_status) last "
                        + "WHERE last.to_status IS DISTINCT FROM ? "
                        + "ON CONFLICT (component_id, signal_id) DO NOTHING")) {
            boolean auto = con.getAutoCommit();
            con.setAutoCommit(false);
            int written = 0;
            try {
                // One statement per change, in order: each sees the one before as "the last recorded". Sent as
                // one JDBC batch: one round trip for all of them, still executed one after the other.
                for (StatusChange c : changes) {
                    ps.setString(1, c.componentId());
                    ps.setString(2, c.to().wire());
                    ps.setString(3, c.summary());
                    ps.setString(4, c.signalId());
                    ps.setTimestamp(5, Timestamp.from(c.changedAt()));
                    ps.setString(6, c.componentId());
                    ps.setString(7, c.to().wire());
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    written += Math.max(n, 0);
                }
                con.commit();
            } catch (SQLException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(auto);
            }
            return written;
        }
    }

    public List<StatusChange> recent(int limit) throws SQLException {
        List<StatusChange> out = new ArrayList<>();
        try (Connection con = ds.getConnection(); PreparedStatement ps = con.prepareStatement(
                "SELECT component_id, from_status, to_status, summary, signal_id, changed_at FROM status_change "
                        + "ORDER BY changed_at DESC, id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(2);
                    out.add(new StatusChange(rs.getString(1), from == null ? null : ComponentStatus.fromWire(from),
                            ComponentStatus.fromWire(rs.getString(3)), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Every component's changes since a time, in time order, each list starting with the last change before that
     * time (the status in force when the period began), if there is one.
     */
    public java.util.Map<String, List<StatusChange>> since(Instant since) throws SQLException {
        java.util.Map<String, List<StatusChange>> out = new java.util.HashMap<>();
        try (Connection con = ds.getConnection(); PreparedStatement ps = con.prepareStatement(
                "SELECT component_id, from_status, to_status, summary, signal_id, changed_at FROM ("
                        + "SELECT DISTINCT ON (component_id) * FROM status_change WHERE changed_at <= ? "
                        + "ORDER BY component_id, changed_at DESC, id DESC) before "
                        + "UNION ALL SELECT component_id, from_status, to_status, summary, signal_id, changed_at "
                        + "FROM status_change WHERE changed_at > ? ORDER BY changed_at")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(2);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new StatusChange(rs.getString(1),
                            from == null ? null : ComponentStatus.fromWire(from), ComponentStatus.fromWire(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }
}

package no.nhn.driftsvakt.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange;

/**
 * Reads what a month's report needs from PostgreSQL, bounded by the month: status changes (with the one in force
 * when the month began), incidents opened in it, problems opened or closed in it, and the ledger's rows created in
 * it counted by channel and state. Ids only.
 */
@ApplicationScoped
public class ReportQueries {

    @Inject
    DataSource ds;

    @Inject
    CatalogService catalogs;

    /** The month's input, its bounds midnight to midnight in {@code zone}. */
    public ReportInput load(YearMonth month, ZoneId zone) throws SQLException {
        Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
        Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        List<ReportInput.ComponentInfo> components = catalogs.current().components().stream()
                .map(c -> new ReportInput.ComponentInfo(c.id(), c.name(), c.category())).toList();
        try (Connection c = ds.getConnection()) {
            return new ReportInput(components, changes(c, from, to), incidents(c, from, to), problems(c, from, to),
                    messages(c, from, to));
        }
    }

    private static Map<String, List<StatusChange>> changes(Connection c, Timestamp from, Timestamp to)
            throws SQLException {
        Map<String, List<StatusChange>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT component_id, from_status, to_status, signal_id, "
                + "changed_at FROM (SELECT DISTINCT ON (component_id) * FROM status_change WHERE changed_at <= ? "
                + "ORDER BY component_id, changed_at DESC, id DESC) before "
                + "UNION ALL SELECT component_id, from_status, to_status, signal_id, changed_at FROM status_change "
                + "WHERE changed_at > ? AND changed_at < ? ORDER BY changed_at")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, from);
            ps.setTimestamp(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String was = rs.getString(2);
                    String id = rs.getString(1);
                    out.computeIfAbsent(id, k -> new ArrayList<>()).add(new StatusChange(id,
                            was == null ? null : ComponentStatus.fromWire(was),
                            ComponentStatus.fromWire(rs.getString(3)), null, rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    private static List<ReportInput.IncidentFact> incidents(Connection c, Timestamp from, Timestamp to)
            throws SQLException {
        List<ReportInput.IncidentFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, component_id, priority, state, origin, opened_at, "
                + "confirmed_at, resolved_at FROM incident WHERE opened_at >= ? AND opened_at < ? "
                + "ORDER BY opened_at")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportInput.IncidentFact(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8)));
                }
            }
        }
        return out;
    }

    private static List<ReportInput.ProblemFact> problems(Connection c, Timestamp from, Timestamp to)
            throws SQLException {
        List<ReportInput.ProblemFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, state, opened_at, resolved_at, updated_at "
                + "FROM problem WHERE (opened_at >= ? AND opened_at < ?) OR (state IN ('resolved', 'closed') "
                + "AND COALESCE(resolved_at, updated_at) >= ? AND COALESCE(resolved_at, updated_at) < ?)")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            ps.setTimestamp(3, from);
            ps.setTimestamp(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportInput.ProblemFact(rs.getString(1), rs.getString(2), rs.getString(3),
                            instant(rs, 4), instant(rs, 5), instant(rs, 6)));
                }
            }
        }
        return out;
    }

    private static List<ReportInput.MessageCount> messages(Connection c, Timestamp from, Timestamp to)
            throws SQLException {
        List<ReportInput.MessageCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT channel, state, count(*) FROM notification "
                + "WHERE created_at >= ? AND created_at < ? GROUP BY channel, state")) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportInput.MessageCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

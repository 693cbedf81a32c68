package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who was told what about an incident or a problem: ledger counts and rows, subscriber ids only. Served under
 * {@code /api/v1/incidents/{id}/notifications} and {@code /api/v1/problems/{id}/notifications}, and the console's
 * {@code /console/varsler} ({@link #recent}).
 */
@ApplicationScoped
public class DeliveryQueries {

    @Inject
    NotifyStore store;

    public Map<String, Object> forIncident(String id, Integer limit) throws SQLException {
        try (Connection c = store.connection()) {
            return body(c, id, store.subjectOf(c, id).orElse(null), limit);
        }
    }

    public Map<String, Object> forProblem(String id, Integer limit) throws SQLException {
        try (Connection c = store.connection()) {
            return body(c, id, id, limit);
        }
    }

    private Map<String, Object> body(Connection c, String asked, String subject, Integer limit) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", asked);
        out.put("subject", subject);
        out.put("summary", subject == null ? List.of() : store.deliverySummary(c, subject));
        out.put("deliveries", subject == null ? List.of()
                : store.deliveries(c, subject, limit == null ? 500 : Math.min(10_000, limit)));
        return out;
    }

    /** One ledger row as the console lists it: ids only. {@code createdAt} is when it was decided. */
    public record Row(long id, String subjectId, String transition, String subscriberId, String channel, String state,
                      String reason, int attempts, String error, Instant createdAt, Instant updatedAt) {
    }

    /**
     * What {@link #recent} looks for; {@code null} means any. {@code subject} is an incident or problem id (an
     * incident also finds what was sent under the problem it was announced as part of); {@code before} is a row id
     * (paging backwards).
     */
    public record Filter(String subject, String channel, String state, Instant since, Long before, int limit) {
    }

    /** Ledger rows, newest first, filtered. */
    public List<Row> recent(Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, subject_id, transition, subscriber_id, channel, state, reason, "
                + "attempts, error, created_at, updated_at FROM notification WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.subject() != null) {
            sql.append(" AND (subject_id = ? OR subject_id IN (SELECT subject_id FROM notify_subject WHERE incident_id = ?))");
            args.add(f.subject());
            args.add(f.subject());
        }
        if (f.channel() != null) {
            sql.append(" AND channel = ?");
            args.add(f.channel());
        }
        if (f.state() != null) {
            sql.append(" AND state = ?");
            args.add(f.state());
        }
        if (f.since() != null) {
            sql.append(" AND created_at >= ?");
            args.add(Timestamp.from(f.since()));
        }
        if (f.before() != null) {
            sql.append(" AND id < ?");
            args.add(f.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(1000, f.limit())));
        List<Row> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int n = 0; n < args.size(); n++) {
                ps.setObject(n + 1, args.get(n));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
                }
            }
        }
        return out;
    }
}

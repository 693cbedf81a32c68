package no.nhn.driftsvakt.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Planned maintenance in PostgreSQL. */
@ApplicationScoped
public class MaintenanceStore {

    private static final String COLUMNS = "id, title, description, components, starts_at, ends_at, created_by, "
            + "created_at, cancelled_at";

    @Inject
    DataSource ds;

    public Maintenance create(String title, String description, List<String> components, Instant startsAt,
                              Instant endsAt, String actor) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String id;
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('maintenance_seq')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = "VED-" + rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance (id, title, description, components, "
                    + "starts_at, ends_at, created_by) VALUES (?,?,?,?,?,?,?) RETURNING " + COLUMNS)) {
                ps.setString(1, id);
                ps.setString(2, title);
                ps.setString(3, description);
                ps.setArray(4, c.createArrayOf("text", components.toArray()));
                ps.setTimestamp(5, Timestamp.from(startsAt));
                ps.setTimestamp(6, Timestamp.from(endsAt));
                ps.setString(7, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return row(rs);
                }
            }
        }
    }

    /** Cancels work not yet completed; empty when there is no such maintenance. */
    public Optional<Maintenance> cancel(String id, String actor) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE maintenance SET "
                + "cancelled_at = now(), cancelled_by = ? WHERE id = ? AND cancelled_at IS NULL RETURNING " + COLUMNS)) {
            ps.setString(1, actor);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : find(id);
            }
        }
    }

    public Optional<Maintenance> find(String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM maintenance WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Maintenance ending after a time (upcoming, ongoing and recent), soonest first. */
    public List<Maintenance> endingAfter(Instant t, int limit) throws SQLException {
        List<Maintenance> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM maintenance WHERE ends_at > ? ORDER BY starts_at, id LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(t));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static Maintenance row(ResultSet rs) throws SQLException {
        Timestamp cancelled = rs.getTimestamp(9);
        return new Maintenance(rs.getString(1), rs.getString(2), rs.getString(3),
                Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getTimestamp(8).toInstant(),
                cancelled == null ? null : cancelled.toInstant());
    }
}

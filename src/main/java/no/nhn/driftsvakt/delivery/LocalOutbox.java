package no.nhn.driftsvakt.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;


/**
 * Where messages go when no SMS or e-mail provider is configured (the embedded default): a table the API and the
 * console show, with the address masked. Nothing leaves the machine.
 */
@ApplicationScoped
public class LocalOutbox {

    private static final Logger LOG = Logger.getLogger(LocalOutbox.class);

    @Inject
    DataSource ds;

    @Inject
    Clock clock;

    /** One stored message. */
    public record Entry(long id, long notificationId, String subscriberId, String channel, String maskedAddress,
                        String subject, String body, Instant at) {
    }

    /** Stores one message; {@code notificationId} is the ledger row (0 for opt-in messages). */
    public void store(long notificationId, String subscriberId, String channel, String masked, String subject,
                      String body) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO local_outbox "
                + "(notification_id, subscriber_id, channel, masked_address, subject, body, at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setLong(1, notificationId);
            ps.setString(2, subscriberId);
            ps.setString(3, channel);
            ps.setString(4, masked);
            ps.setString(5, subject);
            ps.setString(6, body);
            ps.setTimestamp(7, Timestamp.from(Instant.now(clock)));
            ps.executeUpdate();
            LOG.infof("Local outbox: %s to %s (%s)", channel, masked, subscriberId);
        } catch (SQLException e) {
            throw new IllegalStateException("local outbox not written: " + e.getMessage(), e);
        }
    }

    /** Whether the message for this ledger row is here (a lookup after an unknown outcome). */
    public boolean has(long notificationId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM local_outbox WHERE notification_id = ? LIMIT 1")) {
            ps.setLong(1, notificationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest messages, newest first, optionally for one subscriber. */
    public List<Entry> latest(String subscriberId, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, notification_id, "
                + "subscriber_id, channel, masked_address, subject, body, at FROM local_outbox "
                + "WHERE (?::text IS NULL OR subscriber_id = ?) ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, subscriberId);
            ps.setString(2, subscriberId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }
}

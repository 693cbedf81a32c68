package no.nhn.driftsvakt.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Retries come back when due; a send that never completed is marked unknown, not resent. */
@QuarkusTest
class RetrySweeperIT {

    @Inject
    DataSource ds;

    @Inject
    RetrySweeper sweeper;

    long row(String subject, String state, Instant notBefore, Instant updated) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO notification "
                + "(subject_id, transition, subscriber_id, channel, kind, state, reason, services, not_before, "
                + "created_at, updated_at) VALUES (?, 'published#1', 'SUB-RETRY', 'sms', 'PUBLISHED', ?, 'send', '[]', ?, "
                + "?, ?) RETURNING id")) {
            ps.setString(1, subject);
            ps.setString(2, state);
            ps.setTimestamp(3, notBefore == null ? null : Timestamp.from(notBefore));
            ps.setTimestamp(4, Timestamp.from(updated));
            ps.setTimestamp(5, Timestamp.from(updated));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String state(long id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state FROM notification WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void dueRetriesAreQueuedAgainAndStuckSendsBecomeUnknown() throws Exception {
        Instant now = Instant.now();
        String subject = "INC-R" + UUID.randomUUID();
        long due = row(subject, "retry", now.minusSeconds(1), now.minusSeconds(60));
        long later = row(subject + "-later", "retry", now.plusSeconds(600), now.minusSeconds(60));
        long stuck = row(subject + "-stuck", "sending", null, now.minusSeconds(600));
        long fresh = row(subject + "-fresh", "sending", null, now);

        assertTrue(sweeper.retryDue() >= 1);
        assertTrue(!state(due).equals("retry"), "queued again (and picked up by a sender)");
        assertEquals("retry", state(later), "not before its time");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox "
                + "WHERE topic = 'driftsvakt.notifications' AND payload LIKE ?")) {
            ps.setString(1, "%" + subject + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        assertTrue(sweeper.markStuck() >= 1);
        assertEquals("unknown", state(stuck));
        assertEquals("sending", state(fresh));
    }
}

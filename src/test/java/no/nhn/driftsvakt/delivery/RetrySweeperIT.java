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
    void anUnknownOutcomeIsLookedUpBeforeAnyRetry() throws Exception {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String sub = TwilioWebhookIT.confirmedSmsContact(phone);
        Instant old = Instant.now().minusSeconds(600);
        String subject = "INC-U" + UUID.randomUUID();
        long got = rowFor(subject, sub, "published#1", old);
        long lost = rowFor(subject, sub, "update#1", old);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO local_outbox "
                + "(notification_id, subscriber_id, channel, masked_address, body, at) VALUES (?, ?, 'sms', 'x', 'b', now())")) {
            ps.setLong(1, got); // the provider took this one before the sender died
            ps.setString(2, sub);
            ps.executeUpdate();
        }
        sweeper.markStuck();
        assertEquals("unknown", state(got));
        sweeper.reconcileUnknown();
        assertEquals("sent", state(got), "found at the provider: not sent again");
        sweeper.retryDue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> state(lost).equals("sent"));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM local_outbox WHERE notification_id IN (?, ?)")) {
            ps.setLong(1, got);
            ps.setLong(2, lost);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1), "one message each: the found one not repeated, the lost one sent");
            }
        }
    }

    long rowFor(String subject, String subscriber, String transition, Instant updated) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO notification "
                + "(subject_id, transition, subscriber_id, channel, kind, state, reason, services, created_at, updated_at) "
                + "VALUES (?, ?, ?, 'sms', ?, 'sending', 'send', '[\"ext-b\"]', ?, ?) RETURNING id")) {
            ps.setString(1, subject);
            ps.setString(2, transition);
            ps.setString(3, subscriber);
            ps.setString(4, transition.startsWith("published") ? "PUBLISHED" : "RESOLVED");
            ps.setTimestamp(5, Timestamp.from(updated));
            ps.setTimestamp(6, Timestamp.from(updated));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
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

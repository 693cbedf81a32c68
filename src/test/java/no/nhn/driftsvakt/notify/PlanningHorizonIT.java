package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.platform.Outbox;

/**
 * The planner's cursor ({@link Outbox#horizon}, which the correlator uses too) must never pass a transaction still
 * running: the events it writes are stamped with its start and become visible only when it commits.
 */
@QuarkusTest
class PlanningHorizonIT {

    @Inject
    NotifyStore store;

    @Inject
    Outbox outbox;

    @Test
    void theHorizonWaitsForATransactionStillRunningThenMovesOn() throws Exception {
        Instant started;
        try (Connection open = store.connection()) {
            open.setAutoCommit(false);
            started = dbNow(open); // the transaction's start, which its events would carry
            Thread.sleep(1_500);
            try (Connection c = store.connection()) {
                Instant h = outbox.horizon(c);
                assertFalse(h.isAfter(started), "the horizon " + h + " passed a running transaction from " + started);
            }
            open.commit();
        }
        // The service's own loops run short transactions meanwhile; one of them may just be older than ours.
        Instant h = null;
        for (int i = 0; i < 50 && (h == null || !h.isAfter(started)); i++) {
            try (Connection c = store.connection()) {
                c.setAutoCommit(false);
                Instant now = dbNow(c);
                h = outbox.horizon(c);
                assertFalse(h.isAfter(now.minus(Duration.ofSeconds(1))), "at least a second back: " + h + " / " + now);
                c.rollback();
            }
            Thread.sleep(100);
        }
        assertTrue(h.isAfter(started), "after the commit the horizon moves past " + started + ": " + h);
    }

    @Test
    void untilThisVersionWroteItsHorizonThePreviousCursorLessTenSeconds() throws Exception {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false); // rolled back: the service's own planner keeps its cursor
            Instant then = Instant.parse("2026-11-27T12:00:00Z");
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE notify_cursor SET planned_to = ?, horizon = NULL WHERE id = 1")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(then));
                ps.executeUpdate();
            }
            org.junit.jupiter.api.Assertions.assertEquals(then.minusSeconds(10), store.cursor(c));
            store.setCursor(c, then.plusSeconds(60));
            org.junit.jupiter.api.Assertions.assertEquals(then.plusSeconds(60), store.cursor(c), "its own from then on");
            c.rollback();
        }
    }

    @Test
    void neverMoreThanAMinuteBack() throws Exception {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            Instant now = dbNow(c);
            assertFalse(outbox.horizon(c).isBefore(now.minus(Duration.ofMinutes(1))));
            c.rollback();
        }
    }

    private static Instant dbNow(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}

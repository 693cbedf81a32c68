package no.nhn.driftsvakt.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import no.nhn.driftsvakt.notify.NotifyStore;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Topics;

/**
 * Puts messages whose retry time has come back on {@code driftsvakt.notifications}, and marks a send that never
 * completed (the sender died between the claim and the outcome) as {@code unknown}: it is not sent again blindly,
 * since the provider may have taken it ({@code driftsvakt.delivery.unknown}). Unknown outcomes (those, and sends
 * that got no answer) are looked up at the provider when due; a lookup that could not reach the provider is
 * tried again with backoff, so nothing waits in {@code unknown} for good unless the provider cannot be asked at all.
 * Each step is one atomic UPDATE ... RETURNING, so several replicas can sweep at once.
 */
@ApplicationScoped
public class RetrySweeper {

    private static final Logger LOG = Logger.getLogger(RetrySweeper.class);
    static final Duration STUCK = Duration.ofMinutes(5);

    @Inject
    DataSource ds;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    Sender sender;

    @Scheduled(every = "5s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int unknown = markStuck();
            int reconciled = reconcileUnknown();
            int retried = retryDue();
            if (retried + unknown + reconciled > 0) {
                LOG.infof("Delivery sweep: %d messages retried, %d sends with unknown outcome, %d reconciled", retried,
                        unknown, reconciled);
            }
        } catch (SQLException e) {
            LOG.warnf("Delivery sweep failed: %s", e.toString());
        }
    }

    int retryDue() throws SQLException {
        Instant now = Instant.now(clock);
        List<Map.Entry<String, String>> events = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET state = 'planned', updated_at = ? "
                        + "WHERE state = 'retry' AND not_before <= ? RETURNING subject_id, transition, subscriber_id, "
                        + "channel")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            events.add(Map.entry(rs.getString(3), json.writeValueAsString(new NotifyStore.NotificationEvent(
                                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))));
                        }
                    }
                }
                outbox.addAll(c, Topics.NOTIFICATIONS.name(), events);
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw new SQLException(e);
            }
        }
        if (!events.isEmpty()) {
            registry.counter("driftsvakt.delivery.retried").increment(events.size());
            outbox.wake();
        }
        return events.size();
    }

    /**
     * Asks the providers about sends with an unknown outcome that are due (not those the provider cannot be asked
     * about), 100 at a time. When a provider cannot be reached, the rest of its rows wait for the next sweep.
     *
     * @return how many were settled (sent, queued again or skipped)
     */
    int reconcileUnknown() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, channel FROM "
                + "notification WHERE state = 'unknown' AND (error IS NULL OR error <> ?) "
                + "AND (not_before IS NULL OR not_before <= ?) ORDER BY id LIMIT 100")) {
            ps.setString(1, Sender.CANNOT_TELL);
            ps.setTimestamp(2, Timestamp.from(Instant.now(clock)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int settled = 0;
        for (long id : ids) {
            String outcome = sender.reconcile(id);
            if (outcome.equals("ask-again")) {
                break; // the provider is down: do not spend this sweep timing out on each row
            }
            if (!outcome.equals("unknown") && !outcome.equals("not-unknown")) {
                settled++;
            }
        }
        return settled;
    }

    int markStuck() throws SQLException {
        Instant now = Instant.now(clock);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE notification SET "
                + "state = 'unknown', error = 'the sender stopped between claim and outcome', updated_at = ? "
                + "WHERE state = 'sending' AND updated_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.minus(STUCK)));
            int n = ps.executeUpdate();
            if (n > 0) {
                registry.counter("driftsvakt.delivery.unknown").increment(n);
            }
            return n;
        }
    }
}

package no.nhn.driftsvakt.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes and reads the append-only audit log. Entries are written off the request thread, in order, right after
 * the change they describe; a failed write is logged at ERROR and counted ({@code driftsvakt_audit_failed_total}).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /**
     * One entry; {@code before} is the subject's JSON before the change and {@code after} the JSON the change
     * answered with (or the subject's JSON after it), each null when there is none. Never contact data.
     */
    public record Entry(long id, Instant at, String actor, String action, String subject, int status, String before,
                        String after) {
    }

    @Inject
    DataSource ds;

    @Inject
    MeterRegistry registry;

    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(100_000), r -> {
                Thread t = new Thread(r, "audit-writer");
                t.setDaemon(true);
                return t;
            });

    public void record(String actor, String action, String subject, int status, String afterJson) {
        record(actor, action, subject, status, null, afterJson);
    }

    /** Records an entry with the subject's state before the change (a before-image) and after it. */
    public void record(String actor, String action, String subject, int status, String beforeJson, String afterJson) {
        try {
            writer.execute(() -> write(actor, action, subject, status, beforeJson, afterJson));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            registry.counter("driftsvakt.audit.failed").increment();
            LOG.errorf("Audit entry not written (queue full): %s %s by %s", action, subject, actor);
        }
    }

    private void write(String actor, String action, String subject, int status, String beforeJson,
                       String afterJson) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (actor, action, subject, status, before_json, after) "
                        + "VALUES (?,?,?,?,?::jsonb,?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, subject);
            ps.setInt(4, status);
            ps.setString(5, beforeJson);
            ps.setString(6, afterJson);
            ps.executeUpdate();
        } catch (SQLException e) {
            registry.counter("driftsvakt.audit.failed").increment();
            LOG.errorf("Audit entry not written: %s %s by %s: %s", action, subject, actor, e.getMessage());
        }
    }

    /** Waits until entries recorded so far are written (for tests and shutdown). */
    public void flush() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        writer.execute(done::countDown);
        done.await(10, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest entries first, optionally since a time and by one actor. */
    public List<Entry> list(Instant since, String actor, int limit) throws SQLException {
        return list(since, actor, null, limit);
    }

    /** The newest entries first, optionally since a time, by one actor and about one subject. */
    public List<Entry> list(Instant since, String actor, String subject, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, subject, status, before_json::text, "
                + "after::text FROM audit_log WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(since));
        }
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (subject != null && !subject.isBlank()) {
            sql.append(" AND subject = ?");
            args.add(subject);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        List<Entry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }
}

package no.nhn.driftsvakt.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * A fingerprint of what console pages show — incidents (suspected ones too), problems, maintenance and the
 * notification ledger — read from PostgreSQL once a second while someone watches (so it sees changes made on every
 * replica), and told to the listeners (the console's live stream) when it changes.
 */
@ApplicationScoped
public class StaffChanges {

    private static final Logger LOG = Logger.getLogger(StaffChanges.class);
    private static final String QUERY = "SELECT concat_ws('/', "
            + "(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM incident), "
            + "(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM problem), "
            + "(SELECT count(*) || ':' || coalesce(max(cancelled_at)::text, '') FROM maintenance), "
            + "(SELECT coalesce(max(id), 0) || ':' || count(*) FILTER (WHERE state IN ('pending', 'held')) "
            + "FROM notification WHERE id > (SELECT coalesce(max(id), 0) - 1000 FROM notification)))";

    @Inject
    DataSource ds;

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile String version = "0";

    public String version() {
        return version;
    }

    /** Calls {@code listener} with the new fingerprint after every change; returns a remover. */
    public Runnable listen(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!listeners.isEmpty()) {
            refresh();
        }
    }

    /** Reads the fingerprint now (blocking: JDBC) and tells the listeners if it changed; returns it. */
    public String refresh() {
        String now;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            now = Integer.toHexString(rs.getString(1).hashCode());
        } catch (Exception e) {
            LOG.debugf("Console change check failed: %s", e.toString());
            return version;
        }
        if (!now.equals(version)) {
            version = now;
            for (Consumer<String> l : listeners) {
                l.accept(now);
            }
        }
        return now;
    }
}

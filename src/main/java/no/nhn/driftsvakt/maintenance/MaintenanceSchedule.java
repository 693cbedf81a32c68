package no.nhn.driftsvakt.maintenance;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The maintenance windows that matter now (upcoming, ongoing, and ended in the last week), held in memory and
 * refreshed from PostgreSQL every few seconds; when the database is away the last list stays.
 */
@ApplicationScoped
public class MaintenanceSchedule {

    private static final Logger LOG = Logger.getLogger(MaintenanceSchedule.class);

    @Inject
    MaintenanceStore store;

    @Inject
    Clock clock;

    private final AtomicReference<List<Maintenance>> current = new AtomicReference<>(List.of());

    public List<Maintenance> all() {
        return current.get();
    }

    /** Components under ongoing maintenance at {@code now}. */
    public Set<String> underMaintenance(Instant now) {
        Set<String> out = new HashSet<>();
        for (Maintenance m : current.get()) {
            if (m.phase(now) == Maintenance.Phase.IN_PROGRESS) {
                out.addAll(m.components());
            }
        }
        return out;
    }

    @Scheduled(every = "${driftsvakt.driftsweb.feed-refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            current.set(List.copyOf(store.endingAfter(Instant.now(clock).minus(Duration.ofDays(7)), 500)));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Maintenance schedule not refreshed, keeping the last one: %s", e.toString());
        }
    }
}

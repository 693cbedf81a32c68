package no.nhn.driftsvakt.status;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import no.nhn.driftsvakt.catalog.CatalogService;

/**
 * The read side pages use: the current board from the in-memory view, and recent status changes from a cache
 * refreshed from PostgreSQL every few seconds, so no page view touches the database and a database outage
 * leaves the last list in place.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);

    private final AtomicReference<List<StatusChangeRepository.StatusChange>> recent = new AtomicReference<>(List.of());
    private volatile Instant recentLoadedAt;

    @Inject
    StatusView view;

    @Inject
    CatalogService catalogs;

    @Inject
    StatusChangeRepository history;

    @Inject
    no.nhn.driftsvakt.maintenance.MaintenanceSchedule maintenance;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    void registerGauges(@Observes StartupEvent ev) {
        for (ComponentStatus s : ComponentStatus.values()) {
            Gauge.builder("driftsvakt.components", this, me -> me.count(s)).tag("status", s.wire())
                    .description("Components by effective status").register(registry);
        }
        Gauge.builder("driftsvakt.components", this, me -> me.board().components().stream()
                .filter(c -> !c.known()).count()).tag("status", "unknown").register(registry);
        Gauge.builder("driftsvakt.status.view.age", this, me -> view.lastUpdate()
                .map(t -> (clock.millis() - t.toEpochMilli()) / 1000.0).orElse(-1.0))
                .description("Seconds since the status view last received a record").baseUnit("seconds")
                .register(registry);
        refreshRecent();
    }

    private double count(ComponentStatus s) {
        return board().components().stream().filter(c -> c.known() && c.effective() == s).count();
    }

    /**
     * The board, rebuilt at most every {@link #BOARD_MAX_AGE_MS} ms: pages, the JSON API and the gauges share
     * it, so load on driftsweb costs no more than one build per interval.
     */
    public StatusBoard.Board board() {
        Cached c = board.get();
        long now = clock.millis();
        if (c != null && now - c.builtAt < BOARD_MAX_AGE_MS && c.catalog == catalogs.current()) {
            return c.board;
        }
        Instant at = Instant.ofEpochMilli(now);
        StatusBoard.Board b = StatusBoard.build(catalogs.current(), view.states(), view.lastChecks(),
                view.lastUpdate().orElse(null), at, maintenance.underMaintenance(at));
        board.set(new Cached(b, now, catalogs.current()));
        return b;
    }

    private record Cached(StatusBoard.Board board, long builtAt, no.nhn.driftsvakt.catalog.Catalog catalog) {
    }

    static final long BOARD_MAX_AGE_MS = 250;
    private final AtomicReference<Cached> board = new AtomicReference<>();

    public List<StatusChangeRepository.StatusChange> recentChanges() {
        return recent.get();
    }

    public Instant recentLoadedAt() {
        return recentLoadedAt;
    }

    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshRecent() {
        try {
            recent.set(List.copyOf(history.recent(20)));
            recentLoadedAt = Instant.now(clock);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Recent status changes not refreshed: %s", e.toString());
        }
    }
}

package no.nhn.driftsvakt.platform;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Bearer tokens for staff API clients. Two sources: tokens an admin created in the database
 * ({@link StaffTokenStore}, {@code /api/v1/admin/tokens}, console page {@code /console/nokler}), and configured ones,
 * {@code name:sha256hex} in {@code driftsvakt.security.staff-tokens} (the embedded default's demo token). The name is
 * who the timeline and the audit log say acted.
 *
 * <p>Database tokens are held in memory, reloaded every few seconds and at once after a change on this replica, so
 * a check never waits for the database (it may run on an event-loop thread) and a revocation reaches every replica
 * within {@code driftsvakt.security.staff-token-refresh} (5 s). If the database cannot be read, the last known set
 * stays in force.
 */
@ApplicationScoped
public class StaffTokens {

    private static final Logger LOG = Logger.getLogger(StaffTokens.class);

    @ConfigProperty(name = "driftsvakt.security.staff-tokens")
    Optional<List<String>> entries;

    @Inject
    StaffTokenStore store;

    private volatile Map<String, String> stored = Map.of();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private volatile boolean warned;

    void onStart(@Observes StartupEvent e) {
        refresh();
    }

    /** Reloads the active database tokens and records which were used since the last run. */
    @Scheduled(every = "${driftsvakt.security.staff-token-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            stored = Map.copyOf(store.activeHashes());
            if (!used.isEmpty()) {
                List<String> batch = List.copyOf(used);
                used.removeAll(batch);
                store.touch(batch);
            }
            if (warned) {
                LOG.info("Staff tokens readable again");
                warned = false;
            }
        } catch (SQLException | RuntimeException ex) {
            if (!warned) {
                LOG.warnf("Cannot read staff tokens from the database (keeping the last %d known): %s", stored.size(),
                        ex.getMessage());
                warned = true;
            }
        }
    }

    /** The caller's name, or the 401/403 to send. */
    public Result check(String authorization) {
        Optional<String> token = Tokens.bearer(authorization);
        if (token.isEmpty()) {
            return new Result(null, BearerGuard.check(authorization, List.of(), "staff").orElseThrow());
        }
        String hash = Tokens.sha256Hex(token.get());
        String who = null;
        for (String e : entries.orElse(List.of())) {
            int colon = e.indexOf(':');
            if (colon > 0 && Tokens.constantTimeEquals(hash, e.substring(colon + 1).trim().toLowerCase(Locale.ROOT))) {
                who = e.substring(0, colon).trim();
            }
        }
        if (who == null) {
            // A hash lookup: the hash of a random 256-bit token reveals nothing through timing.
            who = stored.get(hash);
            if (who != null) {
                used.add(hash);
            }
        }
        return who != null ? new Result(who, null) : new Result(null, Problem.response(403,
                "Ugyldig token / Invalid token", "The token is not a valid staff token.", "Authorization"));
    }

    /** Either the actor's name or the response refusing the request. */
    public record Result(String actor, Response denied) {
        public boolean ok() {
            return actor != null;
        }
    }
}

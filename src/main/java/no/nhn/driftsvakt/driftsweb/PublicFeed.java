package no.nhn.driftsvakt.driftsweb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.incident.TimelineEntry;
import no.nhn.driftsvakt.problem.Problem;
import no.nhn.driftsvakt.problem.ProblemState;
import no.nhn.driftsvakt.problem.ProblemStore;

/**
 * What driftsweb shows of incidents and problems: confirmed incidents with their public updates, and known
 * errors with a published workaround. Refreshed from PostgreSQL every few seconds into memory; page views never
 * touch the database, and when it is away the last list stays.
 */
@ApplicationScoped
public class PublicFeed {

    private static final Logger LOG = Logger.getLogger(PublicFeed.class);

    /** One incident as customers see it: no internal notes, no priority. */
    public record PublicIncident(String id, String componentName, String title, String stateNb, String stateEn,
                                 boolean resolved, Instant openedAt, Instant resolvedAt, List<TimelineEntry> updates) {
    }

    /** A known error with a workaround customers can use. */
    public record KnownError(String id, String title, String workaround) {
    }

    /** The feed as of its last refresh. */
    public record Feed(List<PublicIncident> incidents, List<KnownError> knownErrors, Instant loadedAt) {
        public List<PublicIncident> active() {
            return incidents.stream().filter(i -> !i.resolved()).toList();
        }

        public List<PublicIncident> recentlyResolved() {
            return incidents.stream().filter(PublicIncident::resolved).toList();
        }
    }

    private final AtomicReference<Feed> feed = new AtomicReference<>(new Feed(List.of(), List.of(), null));

    @Inject
    IncidentStore incidents;

    @Inject
    ProblemStore problems;

    @Inject
    CatalogService catalogs;

    public Feed current() {
        return feed.get();
    }

    @Scheduled(every = "${driftsvakt.driftsweb.feed-refresh:3s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = incidents.connection()) {
            List<PublicIncident> list = new ArrayList<>();
            for (Incident i : incidents.published(c)) {
                List<TimelineEntry> updates = incidents.timeline(c, i.id()).stream().filter(TimelineEntry::isPublic)
                        .sorted((a, b) -> b.at().compareTo(a.at())).toList();
                String name = catalogs.current().component(i.componentId()).map(Component::name).orElse(i.componentId());
                list.add(new PublicIncident(i.id(), name, i.title(), i.state().nb(), i.state().en(),
                        !i.state().isOpen(), i.openedAt(), i.resolvedAt(), updates));
            }
            List<KnownError> known = new ArrayList<>();
            for (Problem p : problems.list(c, ProblemState.KNOWN_ERROR.wire(), 50)) {
                if (p.workaroundPublic() && p.workaround() != null && !p.workaround().isBlank()) {
                    known.add(new KnownError(p.id(), p.title(), p.workaround()));
                }
            }
            feed.set(new Feed(List.copyOf(list), List.copyOf(known), Instant.now()));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Driftsweb feed not refreshed, keeping the last one: %s", e.toString());
        }
    }
}

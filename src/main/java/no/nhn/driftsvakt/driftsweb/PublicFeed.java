package no.nhn.driftsvakt.driftsweb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.incident.Priority;
import no.nhn.driftsvakt.incident.TimelineEntry;
import no.nhn.driftsvakt.problem.Problem;
import no.nhn.driftsvakt.problem.ProblemState;
import no.nhn.driftsvakt.problem.ProblemStore;

/**
 * What driftsweb shows of incidents and problems: confirmed incidents with their public updates (the active ones
 * and a year's archive), known errors with a published workaround, and which incidents each problem groups.
 * Refreshed from PostgreSQL every few seconds into memory; page views never touch the database, and when it is
 * away the last feed stays (and {@link Feed#loadedAt()} tells how old it is).
 */
@ApplicationScoped
public class PublicFeed {

    private static final Logger LOG = Logger.getLogger(PublicFeed.class);
    static final Duration ARCHIVE = Duration.ofDays(366);

    /** One incident as customers see it: no internal notes, no evidence, no staff names. */
    public record PublicIncident(String id, String componentId, String componentName, String title, String state,
                                 String stateNb, String stateEn, boolean resolved, Priority priority,
                                 Instant openedAt, Instant updatedAt, Instant resolvedAt, String problemId,
                                 List<TimelineEntry> updates) {
        /** The text in the other language is the same: updates are written once by staff. */
        public String stateText(Lang lang) {
            return lang.pick(stateNb, stateEn);
        }
    }

    /** A known error with a workaround customers can use. */
    public record KnownError(String id, String title, String workaround, Instant updatedAt) {
    }

    /** A problem as far as customers may see it: its title and the confirmed incidents it groups. */
    public record PublicProblem(String id, String title, List<String> incidentIds) {
    }

    /** The feed as of its last refresh; {@code archive} holds a year of confirmed incidents, newest first. */
    public record Feed(List<PublicIncident> archive, List<KnownError> knownErrors, Map<String, PublicProblem> problems,
                       Instant loadedAt) {

        /** Open confirmed incidents. */
        public List<PublicIncident> active() {
            return archive.stream().filter(i -> !i.resolved()).toList();
        }

        /** Incidents resolved in the 24 hours before {@code now}. */
        public List<PublicIncident> resolvedSince(Instant since) {
            return archive.stream().filter(i -> i.resolved() && i.resolvedAt() != null && i.resolvedAt().isAfter(since))
                    .toList();
        }

        public Optional<PublicIncident> incident(String id) {
            return archive.stream().filter(i -> i.id().equals(id)).findFirst();
        }
    }

    private final AtomicReference<Feed> feed = new AtomicReference<>(new Feed(List.of(), List.of(), Map.of(), null));

    @Inject
    IncidentStore incidents;

    @Inject
    ProblemStore problems;

    @Inject
    CatalogService catalogs;

    @Inject
    Clock clock;

    public Feed current() {
        return feed.get();
    }

    /** The whole year is read again this often; in between only what changed since the last read. */
    static final Duration FULL_RELOAD = Duration.ofMinutes(1);
    /** Changes are read with this overlap, so a transaction committed late is not missed. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    private Instant fullAt;
    private Instant readAt;

    @Scheduled(every = "${driftsvakt.driftsweb.feed-refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = incidents.connection()) {
            Instant now = Instant.now(clock);
            boolean full = fullAt == null || fullAt.isBefore(now.minus(FULL_RELOAD));
            List<Incident> found = full ? incidents.publishedSince(c, now.minus(ARCHIVE), 5_000)
                    : incidents.publishedChangedSince(c, readAt.minus(OVERLAP));
            Map<String, List<TimelineEntry>> timelines = incidents.publicTimelines(c,
                    found.stream().map(Incident::id).toList());
            Map<String, PublicIncident> byId = new java.util.LinkedHashMap<>();
            if (!full) {
                feed.get().archive().forEach(i -> byId.put(i.id(), i));
            }
            for (Incident i : found) {
                if (i.state() == no.nhn.driftsvakt.incident.IncidentState.DISMISSED) {
                    byId.remove(i.id());
                    continue;
                }
                List<TimelineEntry> updates = new ArrayList<>(timelines.getOrDefault(i.id(), List.of()));
                updates.sort(Comparator.comparing(TimelineEntry::at).reversed());
                String name = catalogs.current().component(i.componentId()).map(Component::name).orElse(i.componentId());
                byId.put(i.id(), new PublicIncident(i.id(), i.componentId(), name, i.title(), i.state().wire(),
                        i.state().nb(), i.state().en(), !i.state().isOpen(), i.priority(), i.openedAt(), i.updatedAt(),
                        i.resolvedAt(), i.problemId(), List.copyOf(updates)));
            }
            List<PublicIncident> list = new ArrayList<>(byId.values());
            list.sort(Comparator.comparing(PublicIncident::openedAt).reversed());
            if (full) {
                fullAt = now;
            }
            readAt = now;
            List<KnownError> known = new ArrayList<>();
            for (Problem p : problems.list(c, ProblemState.KNOWN_ERROR.wire(), 50)) {
                if (p.workaroundPublic() && p.workaround() != null && !p.workaround().isBlank()) {
                    known.add(new KnownError(p.id(), p.title(), p.workaround(), p.updatedAt()));
                }
            }
            // The recent problems that group published incidents: the page each problem notice links to.
            java.util.Set<String> shown = new java.util.HashSet<>();
            list.forEach(i -> shown.add(i.id()));
            Map<String, PublicProblem> grouped = new HashMap<>();
            for (Problem p : problems.list(c, null, 1_000)) {
                List<String> ids = p.incidentIds().stream().filter(shown::contains).toList();
                if (!ids.isEmpty()) {
                    grouped.put(p.id(), new PublicProblem(p.id(), p.title(), ids));
                }
            }
            feed.set(new Feed(List.copyOf(list), List.copyOf(known), Map.copyOf(grouped), now));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Driftsweb feed not refreshed, keeping the last one: %s", e.toString());
        }
    }
}

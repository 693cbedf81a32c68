package no.nhn.driftsvakt.driftsweb;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.status.StatusBoard;
import no.nhn.driftsvakt.status.StatusChangeRepository;
import no.nhn.driftsvakt.status.StatusService;

/** Driftsweb v0: the front page with every category and component, their status and last check. */
@Path("/")
public class DriftswebResource {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(OSLO);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(StatusBoard.Board board,
                                             java.util.List<StatusChangeRepository.StatusChange> changes,
                                             Map<String, String> names, PublicFeed.Feed feed);
    }

    @Inject
    StatusService status;

    @Inject
    CatalogService catalogs;

    @Inject
    PublicFeed feed;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() {
        Map<String, String> names = catalogs.current().components().stream()
                .collect(Collectors.toMap(Component::id, Component::name));
        return Templates.index(status.board(), status.recentChanges(), names, feed.current());
    }

    /** Template helpers: times in Europe/Oslo. */
    @TemplateExtension(namespace = "fmt")
    static class Format {
        static String time(Instant t) {
            return t == null ? "–" : TIME.format(t);
        }

        static String iso(Instant t) {
            return t == null ? "" : t.toString();
        }
    }
}

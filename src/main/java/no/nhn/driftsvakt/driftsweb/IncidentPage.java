package no.nhn.driftsvakt.driftsweb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.problem.Problem;
import no.nhn.driftsvakt.problem.ProblemStore;

/**
 * {@code /hendelser/{id}}: the page every notice links to — an incident, or a problem with its incidents, as
 * customers may see them (confirmed ones, public updates only). Anything else is "not found", so the page does not
 * reveal suspected or dismissed incidents.
 */
@Path("/hendelser")
@Tag(name = "Driftsweb")
@Blocking
public class IncidentPage {

    @Inject
    PublicFeed feed;

    @Inject
    ProblemStore problems;

    @Inject
    @Location("driftsweb/incident.html")
    Template page;

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "An incident or a problem as customers see it (the link in every notice)")
    public Response show(@PathParam("id") String id) throws SQLException {
        List<PublicFeed.PublicIncident> shown;
        String title;
        if (id.startsWith("PRB-")) {
            Optional<Problem> p;
            try (Connection c = problems.connection()) {
                p = problems.find(c, id);
            }
            shown = p.isEmpty() ? List.of() : feed.current().incidents().stream()
                    .filter(i -> p.get().incidentIds().contains(i.id())).toList();
            title = p.map(Problem::title).orElse(id);
        } else {
            shown = feed.current().incidents().stream().filter(i -> i.id().equals(id)).toList();
            title = shown.isEmpty() ? id : shown.get(0).title();
        }
        if (shown.isEmpty()) {
            return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page.data("title", "Fant ikke hendelsen / Incident not found").data("incidents", List.of())
                            .render()).build();
        }
        return Response.ok(page.data("title", title).data("incidents", shown).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}

package no.nhn.driftsvakt.driftsweb;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.nhn.driftsvakt.status.StatusBoard;

/**
 * {@code /feed.atom} (incidents and their public updates), {@code /vedlikehold.ics} (planned maintenance) and
 * {@code /badge/{component}.svg}, all from the snapshot.
 */
@Path("/")
@Tag(name = "Driftsweb")
public class FeedsAndBadges {

    @Inject
    SiteModel model;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml")
    @Operation(summary = "Atom feed of incidents (newest first) with their public updates")
    public Response atom() {
        return Response.ok(AtomFeed.write(model.snapshot(), baseUrl)).type("application/atom+xml; charset=UTF-8")
                .header("Cache-Control", "max-age=30").build();
    }

    @GET
    @Path("vedlikehold.ics")
    @Produces("text/calendar")
    @Operation(summary = "iCalendar feed of planned maintenance (cancelled windows marked CANCELLED)")
    public Response calendar() {
        return Response.ok(ICalendar.write(model.snapshot(), baseUrl)).type("text/calendar; charset=UTF-8")
                .header("Content-Disposition", "inline; filename=\"vedlikehold.ics\"")
                .header("Cache-Control", "max-age=60").build();
    }

    @GET
    @Path("badge/{component}.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "An SVG badge with a component's status (404 for an unknown component)")
    public Response badge(@PathParam("component") String component) {
        Optional<StatusBoard.ComponentView> c = model.snapshot().board().component(component);
        if (c.isEmpty()) {
            return Response.status(404).type("text/plain; charset=UTF-8")
                    .entity("Ukjent komponent / unknown component: " + component).build();
        }
        return Response.ok(Badge.svg(c.get())).type("image/svg+xml; charset=UTF-8")
                .header("Cache-Control", "max-age=30").build();
    }
}

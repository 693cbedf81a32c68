package no.nhn.driftsvakt.maintenance;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.platform.FieldError;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;

/** {@code /api/v1/maintenance}: staff plan, list and cancel maintenance windows. */
@Path("/api/v1/maintenance")
@Tag(name = "Maintenance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class MaintenanceResource {

    private static final Logger LOG = Logger.getLogger(MaintenanceResource.class);

    /** Body of a new maintenance window; times as ISO-8601 instants. */
    public record PlanRequest(String title, String description, List<String> components, String startsAt,
                              String endsAt) {
    }

    @Inject
    StaffTokens staff;

    @Inject
    MaintenanceStore store;

    @Inject
    CatalogService catalogs;

    @Inject
    Clock clock;

    @POST
    @Operation(summary = "Plan maintenance: title, description, components, startsAt, endsAt")
    public Response plan(@HeaderParam("Authorization") String auth, PlanRequest r) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (r == null) {
            return bad("(body)", "the body must be a JSON object with title, description, components, startsAt, endsAt");
        }
        Optional<FieldError> text = MaintenanceRules.text(r.title(), r.description(), r.components(),
                c -> catalogs.current().component(c).isPresent());
        if (text.isPresent()) {
            return problem(text.get());
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(String.valueOf(r.startsAt()));
        } catch (DateTimeParseException e) {
            return bad("startsAt", "'" + r.startsAt() + "' is not an ISO-8601 instant such as 2026-12-01T20:00:00Z");
        }
        try {
            end = Instant.parse(String.valueOf(r.endsAt()));
        } catch (DateTimeParseException e) {
            return bad("endsAt", "'" + r.endsAt() + "' is not an ISO-8601 instant such as 2026-12-01T22:00:00Z");
        }
        Optional<FieldError> window = MaintenanceRules.window(start, end, Instant.now(clock));
        if (window.isPresent()) {
            return problem(window.get());
        }
        Maintenance m = store.create(r.title().strip(), r.description().strip(), List.copyOf(r.components()), start,
                end, who.actor());
        LOG.infof("Maintenance %s planned by %s: %d components, %s to %s", m.id(), who.actor(), m.components().size(),
                start, end);
        return Response.status(201).entity(m).build();
    }

    @GET
    @Operation(summary = "Maintenance not yet ended and ended in the last 30 days")
    public Response list(@HeaderParam("Authorization") String auth) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return Response.ok(store.endingAfter(Instant.now(clock).minus(Duration.ofDays(30)), 500)).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel planned or ongoing maintenance")
    public Response cancel(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        Optional<Maintenance> m = store.cancel(id, who.actor());
        if (m.isEmpty()) {
            return Problem.response(404, "Fant ikke vedlikeholdet / Maintenance not found", "no maintenance " + id, null);
        }
        LOG.infof("Maintenance %s cancelled by %s", id, who.actor());
        return Response.ok(m.get()).build();
    }

    private static Response problem(FieldError e) {
        return e.status() == 404 ? Problem.response(404, "Ukjent komponent / Unknown component", e.message(), e.field())
                : bad(e.field(), e.message());
    }

    private static Response bad(String field, String detail) {
        return Problem.response(400, "Ugyldig forespørsel / Bad request", detail, field);
    }
}

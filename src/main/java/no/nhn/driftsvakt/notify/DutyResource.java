package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/** {@code /api/v1/duty}: who gets staff alerts — the Incident Manager of the week and the 24/7 on-call. */
@Path("/api/v1/duty")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@Blocking
public class DutyResource {

    private static final Logger LOG = Logger.getLogger(DutyResource.class);
    static final Set<String> ROLES = Set.of("incident-manager", "on-call", "customer-centre-lead", "technical-director",
            "ceo");

    @Inject
    NotifyStore store;

    @Inject
    SubscriberService subscribers;

    @Inject
    StaffTokens staff;

    @Inject
    Clock clock;

    public record DutyRequest(String subscriberId) {
    }

    @GET
    @Operation(summary = "Who is on duty, by role")
    public Response get(@HeaderParam("Authorization") String auth) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        try (Connection c = store.connection()) {
            return Response.ok(store.duty(c)).build();
        }
    }

    @PUT
    @Path("/{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a registered staff contact on duty: incident-manager, on-call, or an escalation role "
            + "(customer-centre-lead, technical-director, ceo)")
    public Response set(@HeaderParam("Authorization") String auth, @PathParam("role") String role, DutyRequest body)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (!ROLES.contains(role)) {
            return Problem.response(404, "Ukjent rolle / Unknown role", "role '" + role
                    + "' is not one of " + new java.util.TreeSet<>(ROLES), "role");
        }
        if (body == null || body.subscriberId() == null || subscribers.find(body.subscriberId()).isEmpty()) {
            return Problem.response(400, "Ugyldig forespørsel / Invalid request",
                    "subscriberId: name a registered contact (POST /api/v1/subscribers with \"staff\": true)",
                    "subscriberId");
        }
        try (Connection c = store.connection()) {
            store.setDuty(c, role, body.subscriberId(), who.actor(), Instant.now(clock));
        }
        LOG.infof("%s is now %s on duty (set by %s)", body.subscriberId(), role, who.actor());
        return Response.ok(Map.of("role", role, "subscriberId", body.subscriberId())).build();
    }
}

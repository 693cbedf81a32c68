package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/**
 * {@code /api/v1/duty}: who gets staff alerts — the Incident Manager of the week (the weekly rotation, with the
 * {@code incident-manager} duty role for weeks nobody is rostered for) and the 24/7 on-call — and the escalation roles.
 */
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
    DutyRoster roster;

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

    /** A week of the Incident Manager rotation: {@code weekStart} is the date of its handover. */
    public record RotationRequest(String weekStart, String subscriberId) {
    }

    /** One week of the rotation as shown: when it starts and ends, who is rostered (null: the duty role covers it). */
    public record RotationWeek(LocalDate weekStart, Instant from, Instant to, String subscriberId) {
    }

    @GET
    @Path("/rotation")
    @Operation(summary = "The weekly Incident Manager rotation: who is on duty now and the coming weeks",
            description = "Weeks run from one handover (driftsvakt.duty.handover, default MONDAY 08:00 Europe/Oslo) to "
                    + "the next; a week nobody is rostered for falls back to the incident-manager duty role. weeks: how "
                    + "many, from the current one (default 8, at most 52).")
    public Response rotation(@HeaderParam("Authorization") String auth, @QueryParam("weeks") Integer weeks)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        Instant now = Instant.now(clock);
        DutyRotation r = roster.rotation();
        List<LocalDate> span = r.weeksFrom(now, weeks == null ? 8 : Math.max(1, Math.min(52, weeks)));
        Map<String, Object> body = new LinkedHashMap<>();
        try (Connection c = store.connection()) {
            Map<LocalDate, String> rostered = roster.weeks(c, span.get(0), span.get(span.size() - 1));
            body.put("handover", r.describe());
            body.put("incidentManagerNow", roster.incidentManagerAt(c, now).orElse(null));
            body.put("onCall", store.duty(c).get("on-call"));
            body.put("weeks", span.stream().map(w -> new RotationWeek(w, r.start(w), r.end(w), rostered.get(w))).toList());
        }
        return Response.ok(body).build();
    }

    @PUT
    @Path("/rotation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a registered staff contact on the rotation as Incident Manager for a week",
            description = "{weekStart: the date of the week's handover (a MONDAY by default), subscriberId}; "
                    + "subscriberId null clears the week (the incident-manager duty role covers it).")
    public Response setRotation(@HeaderParam("Authorization") String auth, RotationRequest body) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        DutyRotation r = roster.rotation();
        LocalDate week;
        try {
            week = LocalDate.parse(body == null || body.weekStart() == null ? "" : body.weekStart());
        } catch (java.time.format.DateTimeParseException e) {
            return Problem.response(400, "Ugyldig forespørsel / Invalid request",
                    "weekStart: a date such as 2026-03-02 (the day of the week's handover)", "weekStart");
        }
        if (!r.isWeek(week)) {
            return Problem.response(400, "Ugyldig forespørsel / Invalid request", "weekStart: " + week + " is a "
                    + week.getDayOfWeek() + "; weeks start at the handover, " + r.describe(), "weekStart");
        }
        if (body.subscriberId() != null && subscribers.find(body.subscriberId()).isEmpty()) {
            return Problem.response(400, "Ugyldig forespørsel / Invalid request",
                    "subscriberId: name a registered contact (POST /api/v1/subscribers with \"staff\": true)",
                    "subscriberId");
        }
        try (Connection c = store.connection()) {
            roster.set(c, week, body.subscriberId(), who.actor(), Instant.now(clock));
        }
        LOG.infof("Incident Manager for the week of %s: %s (set by %s)", week,
                body.subscriberId() == null ? "the duty role" : body.subscriberId(), who.actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("weekStart", week);
        out.put("from", r.start(week));
        out.put("to", r.end(week));
        out.put("subscriberId", body.subscriberId());
        return Response.ok(out).build();
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

package no.nhn.driftsvakt.incident;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;

/** {@code /api/v1/incidents}: list, read with timeline, report by phone, and the staff actions. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
@Blocking
public class IncidentResource {

    @Inject
    IncidentService incidents;

    @Inject
    StaffTokens staff;

    @Inject
    no.nhn.driftsvakt.notify.DeliveryQueries deliveries;

    @Inject
    no.nhn.driftsvakt.notify.NoticePreview preview;

    @Inject
    no.nhn.driftsvakt.notify.PlanningService planning;

    @Inject
    CatalogService catalogs;

    /** Body of the staff actions; which fields count depends on the action. */
    public record ActionRequest(String text, String reason, Boolean isPublic, String state, String priority) {
    }

    /** Body of an assignment: the support group (catalog id) and an optional internal note. */
    public record AssignRequest(String group, String note) {
    }

    /** Body of a manual (phone-reported) incident. */
    public record ManualRequest(String component, String title, String text, Boolean major, String priority) {
    }

    @GET
    @Operation(summary = "Incidents, most recent first", description = "Filters: state, component, since (ISO-8601).")
    public Response list(@HeaderParam("Authorization") String auth, @QueryParam("state") String state,
                         @QueryParam("component") String component, @QueryParam("since") String since,
                         @QueryParam("limit") Integer limit) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (state != null) {
            try {
                IncidentState.fromWire(state);
            } catch (IllegalArgumentException e) {
                return bad("state", "'" + state + "' is not one of suspected, investigating, identified, monitoring, "
                        + "resolved, closed, dismissed");
            }
        }
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                return bad("since", "'" + since + "' is not an ISO-8601 instant such as 2026-11-27T08:00:00Z");
            }
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(1000, limit));
        return Response.ok(incidents.list(state, component, from, n)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident with its timeline")
    public Response get(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        Optional<Incident> i = incidents.find(id);
        if (i.isEmpty()) {
            return notFound(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident", i.get());
        body.put("timeline", incidents.timeline(id));
        return Response.ok(body).build();
    }

    @POST
    @Operation(summary = "Report an incident by hand (e.g. from a phone call)",
            description = "{component, title?, text?, major? (default true), priority? (P1-P4)}; starts confirmed.")
    public Response manual(@HeaderParam("Authorization") String auth, ManualRequest r) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (r == null || r.component() == null || r.component().isBlank()) {
            return bad("component", "required");
        }
        if (catalogs.current().component(r.component()).isEmpty()) {
            return Problem.response(404, "Ukjent komponent / Unknown component",
                    "unknown component '" + r.component() + "'", "component");
        }
        Priority p = null;
        if (r.priority() != null) {
            try {
                p = Priority.valueOf(r.priority().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return bad("priority", "'" + r.priority() + "' is not one of P1, P2, P3, P4");
            }
        }
        Priority given = p;
        Incident i;
        try {
            i = incidents.create(ids -> StaffActions.manual(catalogs.current(), r.component(), r.title(), r.text(),
                    r.major() == null || r.major(), given, who.actor(), incidents.now(), ids));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                String open = incidents.list(null, r.component(), null, 20).stream()
                        .filter(x -> x.state().isOpen()).map(Incident::id).findFirst().orElse("?");
                return Problem.response(409, "Allerede en åpen hendelse / Already an open incident",
                        "component '" + r.component() + "' already has open incident " + open
                                + "; add an update to it instead", "component");
            }
            throw e;
        }
        return Response.status(201).entity(i).header("Location", "/api/v1/incidents/" + i.id()).build();
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm a suspected incident (with the customer text)")
    public Response confirm(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        return act(auth, id, (actor) -> i -> StaffActions.confirm(i, actor, r == null ? null : r.text(), incidents.now()));
    }

    @POST
    @Path("/{id}/preview")
    @Operation(summary = "Preview the customer notice before confirming: SMS (with segments) and e-mail, nb and en",
            description = "Body {text}: the customer text to confirm with. Also 'reach': whom confirming now would tell, "
                    + "from a planner dry run (now, later when their notify window opens, not told and why). Nothing "
                    + "is stored or sent.")
    public Response preview(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        Optional<Incident> i = incidents.find(id);
        if (i.isEmpty()) {
            return Problem.response(404, "Finnes ikke / Not found", "no incident " + id, "id");
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(preview.published(id, i.get().componentId(),
                i.get().title(), r == null ? null : r.text()));
        no.nhn.driftsvakt.notify.NoticeReach reach = planning.reachIfConfirmed(id, i.get().componentId(),
                i.get().problemId());
        Map<String, Object> whyNot = new java.util.TreeMap<>();
        reach.whyNot().forEach((k, v) -> whyNot.put(k.wire(), v));
        out.put("reach", Map.of("considered", reach.considered(), "now", reach.now(), "later", reach.later(),
                "notTold", reach.notTold(), "sms", reach.sms(), "email", reach.email(), "webhook", reach.webhook(),
                "whyNot", whyNot));
        return Response.ok(out).build();
    }

    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Dismiss a false positive, with a reason")
    public Response dismiss(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        if (!staff.check(auth).ok()) {
            return staff.check(auth).denied();
        }
        if (r == null || r.reason() == null || r.reason().isBlank()) {
            return bad("reason", "required: why this is not an incident");
        }
        return act(auth, id, (actor) -> i -> StaffActions.dismiss(i, actor, r.reason(), incidents.now()));
    }

    @POST
    @Path("/{id}/updates")
    @Operation(summary = "Add an update, public or internal, optionally moving the state")
    public Response update(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        if (!staff.check(auth).ok()) {
            return staff.check(auth).denied();
        }
        if (r == null || r.text() == null || r.text().isBlank()) {
            return bad("text", "required");
        }
        IncidentState s = null;
        if (r.state() != null) {
            try {
                s = IncidentState.fromWire(r.state());
            } catch (IllegalArgumentException e) {
                return bad("state", "'" + r.state() + "' is not an incident state");
            }
        }
        IncidentState target = s;
        return act(auth, id, (actor) -> i -> StaffActions.update(i, actor, r.text(),
                r.isPublic() == null || r.isPublic(), target, incidents.now()));
    }

    @POST
    @Path("/{id}/priority")
    @Operation(summary = "Change the priority (P1-P4), with a reason")
    public Response priority(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        if (!staff.check(auth).ok()) {
            return staff.check(auth).denied();
        }
        Priority p;
        try {
            p = Priority.valueOf(r == null || r.priority() == null ? "" : r.priority().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return bad("priority", "required: one of P1, P2, P3, P4");
        }
        return act(auth, id, (actor) -> i -> StaffActions.priority(i, actor, p, r.reason(), incidents.now()));
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve, with a closing text for customers")
    public Response resolve(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ActionRequest r)
            throws SQLException {
        return act(auth, id, (actor) -> i -> StaffActions.resolve(i, actor, r == null ? null : r.text(), incidents.now()));
    }

    @POST
    @Path("/{id}/assign")
    @Operation(summary = "Assign to a support group (2nd line), or escalate on to 3rd line; the group's contact is told",
            description = "{group, note?}: group is a support group id from the catalog (see the incident's component's "
                    + "supportGroup and its escalatesTo). The timeline gets an internal entry; the group's contact is "
                    + "told once per incident and group through the notification ledger (transition assigned-<group>#1).")
    public Response assign(@HeaderParam("Authorization") String auth, @PathParam("id") String id, AssignRequest r)
            throws SQLException {
        if (!staff.check(auth).ok()) {
            return staff.check(auth).denied();
        }
        if (r == null || r.group() == null || r.group().isBlank()) {
            return bad("group", "required: a support group id from the catalog");
        }
        if (catalogs.current().supportGroup(r.group()).isEmpty()) {
            return bad("group", "unknown support group '" + r.group() + "'");
        }
        return act(auth, id, (actor) -> i -> StaffActions.assign(i, catalogs.current(), r.group(), actor, r.note(),
                incidents.now()));
    }

    private Response act(String auth, String id, Function<String, Function<Incident, IncidentEngine.Decision>> action)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        try {
            Optional<Incident> i = incidents.act(id, action.apply(who.actor()));
            return i.isEmpty() ? notFound(id) : Response.ok(i.get()).build();
        } catch (IllegalStateException e) {
            return Problem.response(409, "Ikke tillatt nå / Not allowed now", e.getMessage(), "state");
        } catch (IncidentStore.StaleIncidentException e) {
            return Problem.response(409, "Endret av en annen / Changed by someone else", e.getMessage(), null);
        }
    }

    private static Response bad(String field, String detail) {
        return Problem.response(400, "Ugyldig forespørsel / Invalid request", field + ": " + detail, field);
    }

    private static Response notFound(String id) {
        return Problem.response(404, "Ukjent hendelse / Unknown incident", "no incident '" + id + "'", "id");
    }

    @GET
    @Path("/{id}/notifications")
    @Operation(summary = "Who was told what: notices by transition, channel and state, and each ledger row",
            description = "Subscriber ids only. An incident in a problem is announced as part of the problem.")
    public Response notifications(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
                                  @QueryParam("limit") Integer limit) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return Response.ok(deliveries.forIncident(id, limit)).build();
    }
}

package no.nhn.driftsvakt.problem;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;

/** {@code /api/v1/problems}: problems with their incidents and root-cause candidate, and problem management. */
@Path("/api/v1/problems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Problems")
@Blocking
public class ProblemResource {

    @Inject
    ProblemService problems;

    @Inject
    IncidentService incidents;

    @Inject
    StaffTokens staff;

    @Inject
    no.nhn.driftsvakt.correlation.CorrelationConfig correlation;

    @Inject
    no.nhn.driftsvakt.notify.DeliveryQueries deliveries;

    /** Body of the problem actions. */
    public record ProblemRequest(String state, String rootCause, String workaround, Boolean workaroundPublic,
                                 String into, List<String> incidents, String incident) {
    }

    @GET
    @Operation(summary = "Problems, most recent first", description = "Filter: state (new, analysing, known_error, "
            + "resolved, closed).")
    public Response list(@HeaderParam("Authorization") String auth, @QueryParam("state") String state,
                         @QueryParam("limit") Integer limit) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (state != null) {
            try {
                ProblemState.fromWire(state);
            } catch (IllegalArgumentException e) {
                return bad("state", "'" + state + "' is not one of new, analysing, known_error, resolved, closed");
            }
        }
        return Response.ok(problems.list(state, limit == null ? 100 : Math.max(1, Math.min(1000, limit)))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One problem with its incidents, root-cause candidate and recurrence count")
    public Response get(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        Optional<no.nhn.driftsvakt.problem.Problem> p = problems.find(id);
        if (p.isEmpty()) {
            return notFound(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("problem", p.get());
        List<Incident> linked = new java.util.ArrayList<>();
        for (String i : p.get().incidentIds()) {
            incidents.find(i).ifPresent(linked::add);
        }
        body.put("incidents", linked);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("component", p.get().rootComponent());
        root.put("suspected", p.get().rootSuspected());
        root.put("incident", p.get().rootIncidentId());
        root.put("reason", p.get().reason());
        body.put("rootCauseCandidate", root);
        body.put("recurrence", recurrence(p.get().rootComponent()));
        return Response.ok(body).build();
    }

    /**
     * How often the root-cause candidate has failed lately, as the recurrence rule counts it: its incidents (not
     * dismissed) opened within the recurrence period; at the threshold a recurring problem opens. Null without a
     * candidate component.
     */
    private Map<String, Object> recurrence(String component) throws SQLException {
        if (component == null) {
            return null;
        }
        java.time.Instant from = incidents.now().minus(correlation.recurrencePeriod());
        long count = incidents.list(null, component, from, 10_000).stream()
                .filter(i -> i.state() != no.nhn.driftsvakt.incident.IncidentState.DISMISSED
                        && !i.openedAt().isBefore(from))
                .count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("component", component);
        r.put("count", count);
        r.put("threshold", correlation.recurrenceCount());
        r.put("periodDays", correlation.recurrencePeriod().toDays());
        return r;
    }

    @POST
    @Path("/{id}/edit")
    @Operation(summary = "Set state, root cause and workaround (publishable to driftsweb)")
    public Response edit(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ProblemRequest r)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (r == null || (r.state() == null && r.rootCause() == null && r.workaround() == null
                && r.workaroundPublic() == null)) {
            return bad("(body)", "give state, rootCause, workaround or workaroundPublic");
        }
        ProblemState s = null;
        if (r.state() != null) {
            try {
                s = ProblemState.fromWire(r.state());
            } catch (IllegalArgumentException e) {
                return bad("state", "'" + r.state() + "' is not one of new, analysing, known_error, resolved, closed");
            }
        }
        Optional<no.nhn.driftsvakt.problem.Problem> saved;
        try {
            saved = problems.edit(id, s, r.rootCause(), r.workaround(), r.workaroundPublic());
        } catch (ProblemStore.StaleProblemException e) {
            return Problem.response(409, "Endret av en annen / Changed by someone else", e.getMessage(), null);
        }
        return saved.isEmpty() ? notFound(id) : Response.ok(saved.get()).build();
    }

    @POST
    @Path("/{id}/merge")
    @Operation(summary = "Merge this problem into another ({into}); the correlator keeps it so")
    public Response merge(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ProblemRequest r)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (r == null || r.into() == null) {
            return bad("into", "required: the problem to merge into");
        }
        try {
            return Response.ok(problems.merge(id, r.into(), who.actor())).build();
        } catch (ProblemDecisions.Refused e) {
            return refused(e);
        }
    }

    @POST
    @Path("/{id}/split")
    @Operation(summary = "Move the given {incidents} out into a new problem")
    public Response split(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ProblemRequest r)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        try {
            return Response.ok(problems.split(id, r == null ? null : r.incidents(), who.actor())).build();
        } catch (ProblemDecisions.Refused e) {
            return refused(e);
        }
    }

    @POST
    @Path("/{id}/relink")
    @Operation(summary = "Move one {incident} from its problem to this one")
    public Response relink(@HeaderParam("Authorization") String auth, @PathParam("id") String id, ProblemRequest r)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        try {
            return Response.ok(problems.relink(id, r == null ? null : r.incident(), who.actor())).build();
        } catch (ProblemDecisions.Refused e) {
            return refused(e);
        }
    }

    private static Response refused(ProblemDecisions.Refused e) {
        return switch (e.why()) {
            case UNKNOWN -> Problem.response(404, "Ukjent problem / Unknown problem", e.getMessage(), e.field());
            case INVALID -> bad(e.field(), e.getMessage());
            case NOT_ALLOWED -> Problem.response(409, "Ikke tillatt / Not allowed", e.getMessage(), e.field());
        };
    }

    private static Response bad(String field, String detail) {
        return Problem.response(400, "Ugyldig forespørsel / Invalid request", field + ": " + detail, field);
    }

    private static Response notFound(String id) {
        return Problem.response(404, "Ukjent problem / Unknown problem", "no problem '" + id + "'", "id");
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
        return Response.ok(deliveries.forProblem(id, limit)).build();
    }
}

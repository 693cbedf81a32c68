package no.nhn.driftsvakt.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.correlation.ProblemGroup;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.notify.DeliveryQueries;
import no.nhn.driftsvakt.problem.Problem;
import no.nhn.driftsvakt.problem.ProblemDecisions;
import no.nhn.driftsvakt.problem.ProblemService;
import no.nhn.driftsvakt.problem.ProblemState;
import no.nhn.driftsvakt.problem.ProblemStore;

/**
 * {@code /console/problemer}: open problems, then the recently resolved and closed; {@code /console/problemer/{id}}:
 * one problem with its incidents, root cause, workaround, state and who was told, and (problem managers) the forms
 * to edit it, merge another problem into it, split incidents out and move an incident into it. The forms use
 * {@link ProblemService} like the API does; every form carries the CSRF token.
 */
@Path("/console/problemer")
@Tag(name = "Console")
@Blocking
public class ProblemPage {

    /** How many resolved and closed problems the list shows. */
    static final int RECENTLY_CLOSED = 50;

    /** A problem as the console shows it. */
    public record View(Problem p) {
        public boolean knownError() {
            return p.state() == ProblemState.KNOWN_ERROR;
        }

        public int incidentCount() {
            return p.incidentIds().size();
        }

        public String opened() {
            return ConsoleTimes.shown(p.openedAt());
        }

        public String resolved() {
            return ConsoleTimes.shown(p.resolvedAt());
        }

        public String updated() {
            return ConsoleTimes.shown(p.updatedAt());
        }

        /** Open and not recurring: what merge, split and relink work on. */
        public boolean regroupable() {
            return p.state() != ProblemState.CLOSED && p.kind() != ProblemGroup.Kind.RECURRING;
        }
    }

    /** A linked incident, or only its id when it is gone. */
    public record Linked(String id, Incident incident, String componentName) {
        public String opened() {
            return incident == null ? "" : ConsoleTimes.shown(incident.openedAt());
        }
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    ProblemService problems;

    @Inject
    IncidentService incidents;

    @Inject
    CatalogService catalogs;

    @Inject
    DeliveryQueries told;

    @Inject
    @Location("console/problems.html")
    Template listPage;

    @Inject
    @Location("console/problem.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Problems: open ones first, then the recently resolved and closed")
    public Response list(@QueryParam("ok") String ok, @QueryParam("feil") String error) throws SQLException {
        List<Problem> open = new ArrayList<>();
        for (ProblemState s : ProblemState.values()) {
            if (s.isOpen()) {
                open.addAll(problems.list(s.wire(), 1000));
            }
        }
        open.sort(Comparator.comparing(Problem::openedAt).reversed().thenComparing(Problem::id));
        List<Problem> over = new ArrayList<>(problems.list(ProblemState.RESOLVED.wire(), RECENTLY_CLOSED));
        over.addAll(problems.list(ProblemState.CLOSED.wire(), RECENTLY_CLOSED));
        over.sort(Comparator.comparing(Problem::updatedAt).reversed().thenComparing(Problem::id));
        String html = listPage.data("user", identity.getPrincipal().getName())
                .data("open", open.stream().map(View::new).toList())
                .data("over", over.stream().limit(RECENTLY_CLOSED).map(View::new).toList())
                .data("ok", okText(ok)).data("errorText", errorText(error)).render();
        return html(Response.ok(html));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One problem with its incidents, root cause, workaround and who was told; the staff forms")
    public Response show(@PathParam("id") String id, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie,
                         @QueryParam("ok") String ok, @QueryParam("feil") String error) throws SQLException {
        Optional<Problem> p = problems.find(id);
        if (p.isEmpty()) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Fant ikke problemet / Problem not found: " + id).build();
        }
        List<Linked> linked = new ArrayList<>();
        for (String i : p.get().incidentIds()) {
            Optional<Incident> found = incidents.find(i);
            linked.add(new Linked(i, found.orElse(null), found.map(x -> catalogs.current().component(x.componentId())
                    .map(Component::name).orElse(x.componentId())).orElse("")));
        }
        List<View> others = new ArrayList<>();
        for (ProblemState s : ProblemState.values()) {
            if (s.isOpen() || s == ProblemState.RESOLVED) {
                problems.list(s.wire(), 1000).stream().map(View::new)
                        .filter(v -> v.regroupable() && !v.p().id().equals(id)).forEach(others::add);
            }
        }
        others.sort(Comparator.comparing((View v) -> v.p().id()));
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String html = page.data("user", identity.getPrincipal().getName()).data("v", new View(p.get()))
                .data("p", p.get()).data("linked", linked).data("others", others)
                .data("states", List.of(ProblemState.values())).data("told", told.forProblem(id, 200))
                .data("canManage", identity.hasRole("problem-manager")).data("csrf", csrf)
                .data("ok", okText(ok)).data("errorText", errorText(error)).render();
        Response.ResponseBuilder b = Response.ok(html);
        if (!csrf.equals(csrfCookie)) {
            b.cookie(ConsoleCsrf.cookie(csrf, secureCookies));
        }
        return html(b);
    }

    @POST
    @Path("/{id}/rediger")
    @RolesAllowed("problem-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Set state, root cause and workaround (blank clears), and whether driftsweb shows the workaround")
    public Response edit(@PathParam("id") String id, @FormParam("tilstand") String state,
                         @FormParam("aarsak") String rootCause, @FormParam("omgaaelse") String workaround,
                         @FormParam("publiser") String publish, @FormParam("csrf") String csrf,
                         @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        ProblemState s;
        try {
            s = state == null || state.isBlank() ? null : ProblemState.fromWire(state);
        } catch (IllegalArgumentException e) {
            return back(id, "feil=tilstand");
        }
        try {
            return problems.edit(id, s, rootCause == null ? "" : rootCause.strip(),
                    workaround == null ? "" : workaround.strip(), publish != null).isEmpty()
                    ? back(id, "feil=ukjent") : back(id, "ok=lagret");
        } catch (ProblemStore.StaleProblemException e) {
            return back(id, "feil=endret");
        }
    }

    @POST
    @Path("/{id}/slaa-sammen")
    @RolesAllowed("problem-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Merge another problem ({fra}) into this one")
    public Response merge(@PathParam("id") String id, @FormParam("fra") String from, @FormParam("csrf") String csrf,
                          @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (from == null || from.isBlank()) {
            return back(id, "feil=velg-problem");
        }
        return act(id, () -> problems.merge(from.strip(), id, actor()), "slaatt-sammen");
    }

    @POST
    @Path("/{id}/del")
    @RolesAllowed("problem-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Split the chosen incidents ({hendelse}, repeated) out into a new problem")
    public Response split(@PathParam("id") String id, @FormParam("hendelse") List<String> chosen,
                          @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (chosen == null || chosen.isEmpty()) {
            return back(id, "feil=velg-hendelser");
        }
        return act(id, () -> problems.split(id, chosen, actor()), "delt");
    }

    @POST
    @Path("/{id}/flytt")
    @RolesAllowed("problem-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Move one incident ({hendelse}) from its problem into this one")
    public Response relink(@PathParam("id") String id, @FormParam("hendelse") String incident,
                           @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (incident == null || incident.isBlank()) {
            return back(id, "feil=hendelse");
        }
        return act(id, () -> problems.relink(id, incident.strip(), actor()), "flyttet");
    }

    /** A staff regrouping; goes to the problem it produced (the new one after a split) or back with why not. */
    private Response act(String id, Action action, String done) throws SQLException {
        try {
            Problem result = action.run();
            return back(result.id(), "ok=" + done);
        } catch (ProblemDecisions.Refused e) {
            return back(id, "feil=" + switch (e.why()) {
                case UNKNOWN -> "ukjent";
                case INVALID -> "incident".equals(e.field()) ? "hendelse" : "ugyldig";
                case NOT_ALLOWED -> "ikke-tillatt";
            });
        } catch (ProblemStore.StaleProblemException e) {
            return back(id, "feil=endret");
        }
    }

    private interface Action {
        Problem run() throws SQLException;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Response back(String id, String query) {
        return Response.seeOther(URI.create("/console/problemer/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "?" + query)).build();
    }

    private static Response html(Response.ResponseBuilder b) {
        return b.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

    static String okText(String code) {
        return code == null ? null : oks().get(code);
    }

    static String errorText(String code) {
        return code == null ? null : errors().getOrDefault(code, "Det gikk ikke. / That did not work.");
    }

    static Map<String, String> oks() {
        return Map.of("lagret", "Lagret. / Saved.",
                "slaatt-sammen", "Slått sammen; hendelsene hører nå til dette problemet. / Merged into this problem.",
                "delt", "Hendelsene er delt ut i dette nye problemet. / Split out into this new problem.",
                "flyttet", "Hendelsen er flyttet hit. / The incident was moved here.");
    }

    static Map<String, String> errors() {
        return Map.of("ukjent", "Fant ikke problemet. / Problem not found.",
                "tilstand", "Ukjent tilstand. / Unknown state.",
                "endret", "Problemet ble endret samtidig av en annen eller av korrelasjonen; prøv igjen. / Changed by "
                        + "someone else or the correlator at the same time; try again.",
                "velg-problem", "Velg problemet som skal slås sammen hit. / Choose the problem to merge into this one.",
                "velg-hendelser", "Velg hendelsene som skal deles ut. / Choose the incidents to split out.",
                "hendelse", "Oppgi en hendelse som finnes (INC-…). / Give an existing incident id.",
                "ugyldig", "Det valget går ikke (et problem kan ikke slås sammen med seg selv, og bare dette problemets "
                        + "hendelser kan deles ut). / Not a valid choice.",
                "ikke-tillatt", "Ikke tillatt: lukkede og gjentakende problemer kan ikke slås sammen, deles eller få "
                        + "hendelser. / Not allowed for closed or recurring problems.");
    }
}

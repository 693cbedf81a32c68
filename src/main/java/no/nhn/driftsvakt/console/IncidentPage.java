package no.nhn.driftsvakt.console;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
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
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentEngine;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.incident.IncidentState;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.incident.Priority;
import no.nhn.driftsvakt.incident.StaffActions;
import no.nhn.driftsvakt.incident.TimelineEntry;

/**
 * {@code /console/hendelser/{id}}: one incident for staff — its timeline with public and internal updates, who was
 * told what (by transition, channel and delivery state; subscriber ids only), and the actions: add an update (public or internal, optionally moving the state), change the priority (incident
 * managers), assign to a support group or escalate on to 3rd line (incident managers), resolve. Every form carries
 * the CSRF token.
 */
@Path("/console/hendelser/{id}")
@Tag(name = "Console")
@Blocking
public class IncidentPage {

    /** The states kundesenter may set with an update. */
    static final java.util.Set<IncidentState> WORKING_STATES = java.util.EnumSet.of(IncidentState.INVESTIGATING,
            IncidentState.IDENTIFIED, IncidentState.MONITORING);

    @Inject
    SecurityIdentity identity;

    @Inject
    IncidentService incidents;

    @Inject
    CatalogService catalogs;

    @Inject
    no.nhn.driftsvakt.notify.DeliveryQueries told;

    @Inject
    no.nhn.driftsvakt.notify.NotifyStore notifyStore;

    @Inject
    @Location("console/incident.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One incident with its whole timeline, and the staff actions")
    public Response show(@PathParam("id") String id, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie,
                         @QueryParam("ok") String ok, @QueryParam("feil") String error) throws SQLException {
        Optional<Incident> i = incidents.find(id);
        if (i.isEmpty()) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Fant ikke hendelsen / Incident not found: " + id).build();
        }
        List<TimelineEntry> timeline = incidents.timeline(id);
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String name = catalogs.current().component(i.get().componentId()).map(Component::name).orElse(i.get().componentId());
        String html = page.data("i", i.get()).data("componentName", name).data("timeline", timeline).data("csrf", csrf)
                .data("user", identity.getPrincipal().getName()).data("canAct", identity.hasRole("kundesenter"))
                .data("canManage", identity.hasRole("incident-manager"))
                .data("states", List.of("investigating", "identified", "monitoring"))
                .data("ok", ok == null ? null : ConsolePages.errors().getOrDefault(ok, ok))
                .data("told", told.forIncident(id, 200)).data("assignment", assignment(i.get()))
                .data("errorText", error == null ? null : ConsolePages.errors().getOrDefault(error, error)).render();
        return ConsolePagesSupport.page(200, html, csrf, csrfCookie, secureCookies);
    }

    @POST
    @Path("/oppdatering")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a public or internal update, optionally moving the state")
    public Response update(@PathParam("id") String id, @FormParam("tekst") String text, @FormParam("offentlig") String pub,
                           @FormParam("tilstand") String state, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (text == null || text.isBlank()) {
            return back(id, "feil=tekst");
        }
        IncidentState s;
        try {
            s = state == null || state.isBlank() ? null : IncidentState.fromWire(state);
        } catch (IllegalArgumentException e) {
            return back(id, "feil=endret");
        }
        // kundesenter may move an open incident between investigating, identified and monitoring; resolving,
        // closing, reopening or dismissing it this way is for incident managers (as the resolve form is)
        if (s != null && !WORKING_STATES.contains(s) && !identity.hasRole("incident-manager")) {
            return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Bare hendelsesledere kan sette denne tilstanden. / Only incident managers may set this state.")
                    .build();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "oppdatert", i -> StaffActions.update(i, actor, text.strip(), pub != null, s, incidents.now()));
    }

    @POST
    @Path("/prioritet")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change the priority (incident managers)")
    public Response priority(@PathParam("id") String id, @FormParam("prioritet") String p, @FormParam("grunn") String reason,
                             @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        Priority pr;
        try {
            pr = Priority.valueOf(String.valueOf(p).trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return back(id, "feil=endret");
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "ny prioritet " + pr, i -> StaffActions.priority(i, actor, pr,
                reason == null || reason.isBlank() ? null : reason.strip(), incidents.now()));
    }

    @POST
    @Path("/loes")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Resolve, with a text for customers")
    public Response resolve(@PathParam("id") String id, @FormParam("tekst") String text, @FormParam("csrf") String csrf,
                            @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "løst", i -> StaffActions.resolve(i, actor, text == null || text.isBlank() ? null : text.strip(),
                incidents.now()));
    }

    private Response act(String id, String done, java.util.function.Function<Incident, IncidentEngine.Decision> action)
            throws SQLException {
        return act(id, "/console/hendelser/" + id, done, action);
    }

    /** Runs a staff action and goes back to {@code page} with what happened (or why not). */
    private Response act(String id, String page, String done,
                         java.util.function.Function<Incident, IncidentEngine.Decision> action) throws SQLException {
        String query;
        try {
            query = incidents.act(id, action).isEmpty() ? "feil=ukjent"
                    : "ok=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalStateException | IllegalArgumentException | IncidentStore.StaleIncidentException e) {
            query = "feil=endret";
        }
        return Response.seeOther(URI.create(page + "?" + query)).build();
    }

    @POST
    @Path("/bekreft")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Confirm a suspected incident with the customer text")
    public Response confirm(@PathParam("id") String id, @FormParam("tekst") String text, @FormParam("csrf") String csrf,
                            @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "/console", id + " bekreftet", i -> StaffActions.confirm(i, actor,
                text == null || text.isBlank() ? null : text.strip(), incidents.now()));
    }

    @POST
    @Path("/avvis")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Dismiss a suspected incident as a false positive, with a reason")
    public Response dismiss(@PathParam("id") String id, @FormParam("grunn") String reason, @FormParam("csrf") String csrf,
                            @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (reason == null || reason.isBlank()) {
            return Response.seeOther(URI.create("/console?feil=grunn")).build();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "/console", id + " avvist", i -> StaffActions.dismiss(i, actor, reason.strip(), incidents.now()));
    }

    @POST
    @Path("/tildel")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Assign to a support group (2nd line) or escalate on to 3rd line; the group's contact is told")
    public Response assign(@PathParam("id") String id, @FormParam("gruppe") String group, @FormParam("notat") String note,
                           @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        Optional<no.nhn.driftsvakt.catalog.SupportGroup> g = catalogs.current().supportGroup(group);
        if (g.isEmpty()) {
            return back(id, "feil=endret");
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "tildelt " + g.get().name(), i -> StaffActions.assign(i, catalogs.current(), g.get().id(), actor,
                note == null || note.isBlank() ? null : note.strip(), incidents.now()));
    }

    /** The assignment section: current group, escalation path from the owning group, the suggestion. */
    private AssignmentView assignment(Incident i) throws SQLException {
        String owner = catalogs.current().component(i.componentId()).map(Component::supportGroup).orElse(null);
        java.util.Map<String, Boolean> known = new java.util.HashMap<>();
        try (java.sql.Connection c = notifyStore.connection()) {
            for (no.nhn.driftsvakt.catalog.SupportGroup g : catalogs.current().supportGroups()) {
                known.put(g.id(), notifyStore.contactRecipient(c, g.contact()).isPresent());
            }
        }
        return AssignmentView.of(catalogs.current(), owner, i.assignee(), g -> known.getOrDefault(g.id(), false));
    }

    private static Response back(String id, String query) {
        return ConsolePagesSupport.back("/console/hendelser/" + id, query);
    }
}

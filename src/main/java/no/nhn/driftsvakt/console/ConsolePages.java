package no.nhn.driftsvakt.console;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.incident.StaffActions;

/**
 * The console's first pages: log in, and <i>Til bekreftelse</i> — suspected incidents with their evidence, which
 * the customer centre confirms (with the customer text, editable) or dismisses (with a reason) in one click.
 * Viewers see the list; kundesenter and above act. Every form carries a CSRF token.
 */
@Path("/console")
@Tag(name = "Console")
@Blocking
public class ConsolePages {

    private static final Logger LOG = Logger.getLogger(ConsolePages.class);

    /** A suspected incident as the inbox shows it. */
    public record Suspect(Incident incident, String componentName, List<String> evidence, String customerText) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    IncidentService incidents;

    @Inject
    CatalogService catalogs;

    @Inject
    @Location("console/login.html")
    Template login;

    @Inject
    @Location("console/inbox.html")
    Template inbox;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @Path("/logg-inn")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console's login form (posts to /j_security_check)")
    public Response login(@QueryParam("feil") String failed) {
        return Response.ok(login.data("failed", failed != null).render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/logg-ut")
    @PermitAll
    @Operation(summary = "Log out: drops the session cookie")
    public Response logout() {
        return Response.seeOther(URI.create("/console/logg-inn")).cookie(new NewCookie.Builder("driftsvakt-konsoll")
                .value("").path("/").maxAge(0).httpOnly(true).build()).build();
    }

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Til bekreftelse: suspected incidents with their evidence")
    public Response inbox(@CookieParam(ConsoleCsrf.COOKIE) String csrfCookie, @QueryParam("ok") String ok,
                          @QueryParam("feil") String error) throws SQLException {
        String csrf = ConsoleCsrf.tokenFor(csrfCookie);
        List<Suspect> suspects = incidents.list("suspected", null, null, 200).stream().map(this::suspect).toList();
        String html = inbox.data("user", identity.getPrincipal().getName()).data("canAct", identity.hasRole("kundesenter"))
                .data("roles", String.join(", ", identity.getRoles())).data("suspects", suspects).data("csrf", csrf)
                .data("ok", ok).data("errorText", error == null ? null : errors().get(error)).render();
        Response.ResponseBuilder b = Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store");
        if (!csrf.equals(csrfCookie)) {
            b.cookie(ConsoleCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }

    private Suspect suspect(Incident i) {
        String name = catalogs.current().component(i.componentId()).map(Component::name).orElse(i.componentId());
        List<String> evidence = i.failingSources().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .toList();
        return new Suspect(i, name, evidence, "Vi undersøker feil på " + name + ".");
    }

    @POST
    @Path("/hendelser/{id}/bekreft")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Confirm a suspected incident with the customer text")
    public Response confirm(@PathParam("id") String id, @FormParam("tekst") String text, @FormParam("csrf") String csrf,
                            @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf)) {
            return forbidden();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "bekreftet", i -> StaffActions.confirm(i, actor,
                text == null || text.isBlank() ? null : text.strip(), incidents.now()));
    }

    @POST
    @Path("/hendelser/{id}/avvis")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Dismiss a suspected incident as a false positive, with a reason")
    public Response dismiss(@PathParam("id") String id, @FormParam("grunn") String reason, @FormParam("csrf") String csrf,
                            @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf)) {
            return forbidden();
        }
        if (reason == null || reason.isBlank()) {
            return Response.seeOther(URI.create("/console?feil=grunn")).build();
        }
        String actor = identity.getPrincipal().getName();
        return act(id, "avvist", i -> StaffActions.dismiss(i, actor, reason.strip(), incidents.now()));
    }

    private Response act(String id, String done,
                         java.util.function.Function<Incident, no.nhn.driftsvakt.incident.IncidentEngine.Decision> action)
            throws SQLException {
        try {
            Optional<Incident> i = incidents.act(id, action);
            if (i.isEmpty()) {
                return Response.seeOther(URI.create("/console?feil=ukjent")).build();
            }
            LOG.infof("Console: %s %s %s", identity.getPrincipal().getName(), done, id);
            return Response.seeOther(URI.create("/console?ok=" + java.net.URLEncoder.encode(id + " " + done,
                    java.nio.charset.StandardCharsets.UTF_8))).build();
        } catch (IllegalStateException | IncidentStore.StaleIncidentException e) {
            return Response.seeOther(URI.create("/console?feil=endret")).build();
        }
    }

    private static Response forbidden() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Skjemaet er utløpt eller kom fra en annen side; last siden på nytt.\n"
                        + "The form has expired or came from another site; reload the page.").build();
    }

    static Map<String, String> errors() {
        return Map.of("grunn", "Skriv en grunn for å avvise. / Give a reason to dismiss.",
                "ukjent", "Fant ikke hendelsen. / Incident not found.",
                "endret", "Hendelsen er endret av en annen eller kan ikke endres slik nå. / Changed by someone else, or "
                        + "not allowed now.");
    }
}

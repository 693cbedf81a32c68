package no.nhn.driftsvakt.console;

import java.net.URI;
import java.sql.SQLException;

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
import no.nhn.driftsvakt.platform.StaffTokenStore;
import no.nhn.driftsvakt.platform.StaffTokens;

/**
 * {@code /console/nokler}: staff API tokens for admins — list, create (the token is shown on the answer page, once,
 * never stored), revoke.
 */
@Path("/console/nokler")
@Tag(name = "Console")
@Blocking
public class TokensPage {

    @Inject
    SecurityIdentity identity;

    @Inject
    StaffTokenStore store;

    @Inject
    StaffTokens tokens;

    @Inject
    @Location("console/tokens.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Staff API tokens (admin)")
    public Response show(@CookieParam(ConsoleCsrf.COOKIE) String csrfCookie, @QueryParam("ok") String ok,
                         @QueryParam("feil") String error) throws SQLException {
        return render(csrfCookie, null, ok, error == null ? null : ERRORS.getOrDefault(error, error));
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Create a staff token; the answer page shows it once")
    public Response create(@FormParam("navn") String name, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (!StaffTokenStore.validName(name)) {
            return Response.seeOther(URI.create("/console/nokler?feil=navn")).build();
        }
        StaffTokenStore.Created c = store.create(name.strip(), identity.getPrincipal().getName());
        tokens.refresh();
        return render(csrfCookie, c, null, null);
    }

    @POST
    @Path("/{id}/trekk-tilbake")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a staff token")
    public Response revoke(@PathParam("id") String id, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        boolean found = store.revoke(id, identity.getPrincipal().getName()).isPresent();
        tokens.refresh();
        return Response.seeOther(URI.create("/console/nokler?" + (found ? "ok=" + id + "+trukket+tilbake" : "feil=ukjent")))
                .build();
    }

    private Response render(String csrfCookie, StaffTokenStore.Created created, String ok, String errorText)
            throws SQLException {
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String html = page.data("user", identity.getPrincipal().getName()).data("tokens", store.list())
                .data("created", created).data("csrf", csrf).data("ok", ok).data("errorText", errorText)
                .data("live", false).render(); // no live refresh: see console/layout.html
        return ConsolePagesSupport.page(200, html, csrf, csrfCookie, secureCookies);
    }

    private static final java.util.Map<String, String> ERRORS = java.util.Map.of(
            "navn", "Navnet må ha 1–60 bokstaver, sifre, mellomrom eller . _ - / The name needs 1–60 letters, digits, "
                    + "spaces or . _ -",
            "ukjent", "Fant ikke nøkkelen. / Token not found.");
}

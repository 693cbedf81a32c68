package no.nhn.driftsvakt.console;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
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
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.incident.StaffActions;

/**
 * The console's first pages: log in, and <i>Til bekreftelse</i> — suspected incidents with their evidence, which
 * the customer centre confirms (with the customer text, editable) or dismisses (with a reason) in one click (the
 * forms post to {@link IncidentPage}). Viewers see the list; kundesenter and above act. Every form carries a CSRF
 * token.
 */
@Path("/console")
@Tag(name = "Console")
@Blocking
public class ConsolePages {

    /** A suspected incident as the inbox shows it. */
    /**
     * A suspected incident with its evidence: the failing sources, since when (Oslo time), the problem it belongs
     * to, the customer groups that use it or anything depending on it, and how many subscribers those groups have
     * (who would be told on confirmation, before their own channel and window rules).
     */
    /**
     * @param subscribers in the affected customer groups (an upper bound)
     * @param reach       whom confirming would tell, by a planner dry run; null when not computed (beyond the first
     *                    {@link #DRY_RUNS} suspects, or on a database error)
     */
    public record Suspect(Incident incident, String componentName, List<String> evidence, String since,
                          List<String> groups, long subscribers, no.nhn.driftsvakt.notify.NoticeReach reach,
                          String customerText) {

        /** The reasons some subscribers would hear nothing, in words (bokmål / English). */
        public String whyNot() {
            if (reach == null) {
                return "";
            }
            List<String> out = new java.util.ArrayList<>();
            reach.whyNot().forEach((r, n) -> out.add(n + " " + ConsolePages.reasonText(r)));
            int none = reach.notTold() - reach.whyNot().values().stream().mapToInt(Integer::intValue).sum();
            if (none > 0) {
                out.add(none + " følger ikke de berørte tjenestene / do not follow the affected services");
            }
            return String.join("; ", out);
        }
    }

    /** Suspects in the inbox that get a planner dry run (each reads the affected groups' subscribers). */
    static final int DRY_RUNS = 25;

    static String reasonText(no.nhn.driftsvakt.notify.Reason r) {
        return switch (r) {
            case SKIPPED_NOT_CONFIRMED -> "har ikke bekreftet kontaktadressen / address not confirmed";
            case SKIPPED_OPTED_OUT -> "har meldt seg av / opted out";
            case SKIPPED_GROUP_NOT_IN_PILOT -> "kundegruppen er ikke med i piloten / group not in the pilot";
            case SUPPRESSED_MAINTENANCE -> "planlagt vedlikehold pågår / planned maintenance going on";
            case SUPPRESSED_SMS_RATE_LIMIT -> "har fått for mange SMS siste time / SMS limit reached";
            case SUPPRESSED_SMS_NOT_FOR_UPDATES -> "får ikke SMS om oppdateringer / no SMS for updates";
            default -> r.wire();
        };
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    no.nhn.driftsvakt.notify.PlanningService planning;

    @Inject
    IncidentService incidents;

    @Inject
    CatalogService catalogs;

    @Inject
    no.nhn.driftsvakt.subscriber.SubscriberService subscriberService;

    @Inject
    no.nhn.driftsvakt.status.StatusView statusView;

    /**
     * A component that some probe locations cannot reach, fewer than its checks' quorum: not an outage (customers
     * see nothing), but staff should know. {@code notes}: "check@location: Utilgjengelig fra … / Unreachable from …".
     */
    public record LocationNote(String componentId, String componentName, List<String> notes) {
    }

    private List<LocationNote> locationNotes() {
        List<LocationNote> out = new java.util.ArrayList<>();
        statusView.locationNotes().forEach((component, notes) -> out.add(new LocationNote(component,
                catalogs.current().component(component).map(Component::name).orElse(component),
                notes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())));
        return out;
    }

    @Inject
    @Location("console/login.html")
    Template login;

    @Inject
    @Location("console/inbox.html")
    Template inbox;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidc;

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
    @Operation(summary = "Log out: drops the session cookie (form login or OpenID Connect)")
    public Response logout() {
        // With OpenID Connect the login page would send the user straight back to the IdP: go to driftsweb instead.
        return Response.seeOther(URI.create(oidc ? "/" : "/console/logg-inn"))
                .cookie(new NewCookie.Builder("driftsvakt-konsoll").value("").path("/").maxAge(0).httpOnly(true).build(),
                        new NewCookie.Builder("q_session").value("").path("/").maxAge(0).httpOnly(true).build())
                .build();
    }

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Til bekreftelse: suspected incidents with their evidence")
    public Response inbox(@CookieParam(ConsoleCsrf.COOKIE) String csrfCookie, @QueryParam("ok") String ok,
                          @QueryParam("feil") String error) throws SQLException {
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        List<Incident> waiting = incidents.list("suspected", null, null, 200);
        List<Suspect> suspects = new java.util.ArrayList<>();
        for (int n = 0; n < waiting.size(); n++) {
            suspects.add(suspect(waiting.get(n), n < DRY_RUNS));
        }
        String html = inbox.data("user", identity.getPrincipal().getName()).data("canAct", identity.hasRole("kundesenter"))
                .data("roles", String.join(", ", identity.getRoles())).data("suspects", suspects).data("csrf", csrf)
                .data("components", catalogs.current().components()).data("locationNotes", locationNotes())
                .data("ok", ok).data("errorText", error == null ? null : errors().get(error)).render();
        return ConsolePagesSupport.page(200, html, csrf, csrfCookie, secureCookies);
    }

    private Suspect suspect(Incident i, boolean dryRun) {
        no.nhn.driftsvakt.catalog.Catalog catalog = catalogs.current();
        String name = catalog.component(i.componentId()).map(Component::name).orElse(i.componentId());
        List<String> evidence = i.failingSources().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .toList();
        no.nhn.driftsvakt.notify.SubjectBuilder topology = new no.nhn.driftsvakt.notify.SubjectBuilder(catalog);
        List<String> groupIds = topology.groupsUsing(topology.affected(List.of(i.componentId())));
        List<String> groupNames = groupIds.stream().map(g -> catalog.customerGroups().stream()
                .filter(c -> c.id().equals(g)).map(no.nhn.driftsvakt.catalog.CustomerGroup::name).findFirst().orElse(g))
                .toList();
        long subscribers;
        no.nhn.driftsvakt.notify.NoticeReach reach = null;
        try {
            subscribers = subscriberService.countInAny(groupIds);
            if (dryRun) {
                reach = planning.reachIfConfirmed(i.id(), i.componentId(), i.problemId());
            }
        } catch (SQLException e) {
            subscribers = -1;
        }
        return new Suspect(i, name, evidence, ConsoleTimes.shown(i.openedAt()), groupNames, subscribers, reach,
                "Vi undersøker feil på " + name + ".");
    }

    /**
     * A customer called: report an incident by hand on a component, with a customer text; it starts confirmed
     * (investigating), so the opted-in customers are told. One open incident per component: a second report of the
     * same component goes to the open one.
     */
    @POST
    @Path("/meld-inn")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Report an incident from a phone call (starts confirmed)")
    public Response report(@FormParam("komponent") String component, @FormParam("tittel") String title,
                           @FormParam("tekst") String text, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (component == null || catalogs.current().component(component).isEmpty()) {
            return Response.seeOther(URI.create("/console?feil=komponent")).build();
        }
        String actor = identity.getPrincipal().getName();
        try {
            Incident i = incidents.create(ids -> StaffActions.manual(catalogs.current(), component,
                    blankToNull(title), blankToNull(text), true, null, actor, incidents.now(), ids));
            return Response.seeOther(URI.create("/console/hendelser/" + i.id() + "?ok=meldt")).build();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                String open = incidents.list(null, component, null, 20).stream().filter(x -> x.state().isOpen())
                        .map(Incident::id).findFirst().orElse(null);
                return Response.seeOther(URI.create(open == null ? "/console?feil=endret"
                        : "/console/hendelser/" + open + "?feil=aapen")).build();
            }
            throw e;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Map<String, String> errors() {
        return Map.of("grunn", "Skriv en grunn for å avvise. / Give a reason to dismiss.",
                "ukjent", "Fant ikke hendelsen. / Incident not found.",
                "endret", "Hendelsen er endret av en annen eller kan ikke endres slik nå. / Changed by someone else, or "
                        + "not allowed now.",
                "tekst", "Skriv en tekst. / Write a text.",
                "komponent", "Velg en tjeneste fra katalogen. / Choose a service from the catalog.",
                "aapen", "Tjenesten har allerede en åpen hendelse; legg til en oppdatering her. / The service already "
                        + "has an open incident; add an update here.",
                "meldt", "Hendelsen er meldt inn og kundene varsles. / Incident reported; customers are being told.");
    }
}

package no.nhn.driftsvakt.console;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.hours.NorwegianHolidays;
import no.nhn.driftsvakt.notify.DutyRoster;
import no.nhn.driftsvakt.notify.DutyRotation;
import no.nhn.driftsvakt.notify.NotifyStore;
import no.nhn.driftsvakt.notify.NotifyWindow;
import no.nhn.driftsvakt.notify.StaffAlerts;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/**
 * {@code /console/vakt}: who is on duty in each role, the weekly Incident Manager rotation for the coming weeks (with
 * who is on duty now and where that comes from), the 24/7 on-call, who gets a staff alert right now (the Incident
 * Manager in opening hours, the on-call outside them, on weekends and on public holidays), and the year's public
 * holidays. Incident managers set a week's Incident Manager by form.
 */
@Path("/console/vakt")
@Tag(name = "Console")
@Blocking
public class DutyPage {

    private static final Logger LOG = Logger.getLogger(DutyPage.class);
    /** How many weeks of the rotation the page shows, from the current one. */
    static final int WEEKS = 8;

    /** One role and who holds it. */
    public record Holder(String role, String nb, String subscriberId) {
    }

    /** One week of the rotation as shown: local start and end, and who is rostered (null: the duty role covers it). */
    public record Week(LocalDate weekStart, String from, String to, String subscriberId, boolean current) {
    }

    private static final List<String[]> ROLES = List.of(new String[] {"incident-manager", "Incident Manager (ukens vakt)"},
            new String[] {"on-call", "Døgnvakt (utenom åpningstid)"},
            new String[] {"customer-centre-lead", "Leder, kundesenteret (eskalering)"},
            new String[] {"technical-director", "Teknisk direktør (eskalering)"},
            new String[] {"ceo", "Administrerende direktør (eskalering)"});

    private static final Map<String, String> ERRORS = Map.of(
            "uke", "Velg en uke fra listen. / Choose a week from the list.",
            "abonnent", "Fant ingen registrert kontakt med den id-en. / No registered contact with that id.",
            "rolle", "Velg en rolle fra listen. / Choose a role from the list.");

    @Inject
    SecurityIdentity identity;

    @Inject
    NotifyStore store;

    @Inject
    DutyRoster roster;

    @Inject
    SubscriberService subscribers;

    @Inject
    Clock clock;

    @Inject
    @Location("console/duty.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Who is on duty, the weekly Incident Manager rotation, who is alerted now, public holidays")
    public Response show(@CookieParam(ConsoleCsrf.COOKIE) String csrfCookie, @QueryParam("ok") String ok,
                         @QueryParam("feil") String error) throws SQLException {
        Instant now = Instant.now(clock);
        DutyRotation rotation = roster.rotation();
        List<LocalDate> span = rotation.weeksFrom(now, WEEKS);
        Map<String, String> duty;
        Map<LocalDate, String> rostered;
        Optional<DutyRotation.OnDuty> manager;
        Optional<String> alerted;
        try (Connection c = store.connection()) {
            duty = store.duty(c);
            rostered = roster.weeks(c, span.get(0), span.get(span.size() - 1));
            manager = roster.incidentManagerAt(c, now);
            alerted = roster.alertedAt(c, now);
        }
        List<Holder> holders = ROLES.stream().map(r -> new Holder(r[0], r[1], duty.get(r[0]))).toList();
        List<Week> weeks = span.stream().map(w -> new Week(w, local(rotation.start(w), rotation.zone()),
                local(rotation.end(w), rotation.zone()),
                rostered.get(w), w.equals(span.get(0)))).toList();
        int year = now.atZone(NotifyWindow.OSLO).getYear();
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String html = page.data("user", identity.getPrincipal().getName()).data("holders", holders)
                .data("alerted", StaffAlerts.roleAt(now)).data("alertedWho", alerted.orElse(null))
                .data("open", NotifyWindow.OPENING_HOURS.isOpen(now))
                .data("opens", local(NotifyWindow.OPENING_HOURS.nextOpening(now), NotifyWindow.OSLO))
                .data("manager", manager.orElse(null)).data("onCall", duty.get("on-call"))
                .data("weeks", weeks).data("handover", rotation.describe()).data("handoverNb", rotation.describeNb())
                .data("canManage", identity.hasRole("incident-manager")).data("csrf", csrf)
                .data("ok", ok).data("errorText", error == null ? null : ERRORS.getOrDefault(error, error))
                .data("holidays", NorwegianHolidays.of(year)).data("year", year).render();
        return ConsolePagesSupport.page(200, html, csrf, csrfCookie, secureCookies);
    }

    @POST
    @Path("/rotasjon")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Set (or clear) the Incident Manager of one week of the rotation")
    public Response setWeek(@FormParam("uke") String week, @FormParam("abonnent") String subscriber,
                            @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        DutyRotation rotation = roster.rotation();
        LocalDate w;
        try {
            w = LocalDate.parse(String.valueOf(week).trim());
        } catch (DateTimeParseException e) {
            return back("feil=uke");
        }
        if (!rotation.isWeek(w) || w.isBefore(rotation.weekOf(Instant.now(clock)))) {
            return back("feil=uke");
        }
        String who = subscriber == null || subscriber.isBlank() ? null : subscriber.strip();
        if (who != null && subscribers.find(who).filter(x -> x.erasedAt() == null).isEmpty()) {
            return back("feil=abonnent");
        }
        String actor = identity.getPrincipal().getName();
        try (Connection c = store.connection()) {
            roster.set(c, w, who, actor, Instant.now(clock));
        }
        LOG.infof("Incident Manager for the week of %s: %s (set by %s in the console)", w,
                who == null ? "the duty role" : who, actor);
        return back("ok=" + java.net.URLEncoder.encode("Uke " + w + ": " + (who == null ? "ingen (vakt-rollen)" : who),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Put a registered, not erased contact on duty in a role: the on-call, or an escalation role. */
    @POST
    @Path("/rolle")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Put a registered staff contact on duty in a role (on-call, escalation roles)")
    public Response setRole(@FormParam("rolle") String role, @FormParam("abonnent") String subscriber,
                            @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (role == null || ROLES.stream().noneMatch(r -> r[0].equals(role))) {
            return back("feil=rolle");
        }
        String who = subscriber == null ? "" : subscriber.strip();
        if (subscribers.find(who).filter(s -> s.erasedAt() == null).isEmpty()) {
            return back("feil=abonnent");
        }
        String actor = identity.getPrincipal().getName();
        try (Connection c = store.connection()) {
            store.setDuty(c, role, who, actor, Instant.now(clock));
        }
        LOG.infof("%s is now %s on duty (set by %s in the console)", who, role, actor);
        return back("ok=" + java.net.URLEncoder.encode(role + ": " + who, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String local(Instant t, java.time.ZoneId zone) {
        return t.atZone(zone).toLocalDateTime().toString().replace('T', ' ');
    }

    private static Response back(String query) {
        return ConsolePagesSupport.back("/console/vakt", query);
    }
}

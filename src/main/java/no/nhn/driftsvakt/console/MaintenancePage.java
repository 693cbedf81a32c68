package no.nhn.driftsvakt.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.maintenance.Maintenance;
import no.nhn.driftsvakt.maintenance.MaintenanceRules;
import no.nhn.driftsvakt.maintenance.MaintenanceStore;
import no.nhn.driftsvakt.notify.PlanningService;
import no.nhn.driftsvakt.platform.FieldError;

/**
 * {@code /console/vedlikehold}: planned, ongoing and recent maintenance (every role reads), and for incident
 * managers a form to plan work (components from the catalog, the window in Norwegian time) and a button to cancel.
 * The same rules as the API ({@link MaintenanceRules}) and the same store; the notification planner is woken so the
 * work is announced at once (and failures of its components are not told as outages while it lasts).
 */
@Path("/console/vedlikehold")
@Tag(name = "Console")
@Blocking
public class MaintenancePage {

    private static final Logger LOG = Logger.getLogger(MaintenancePage.class);
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** One window as the page shows it (texts made here: Qute cannot call JDK methods). */
    public record Row(Maintenance m, String phase, String phaseNb, String phaseEn, String window, String componentNames,
                      boolean cancellable) {
    }

    /** A catalog component to choose, and whether the form has it chosen. */
    public record Choice(String id, String name, String category, boolean selected) {
    }

    /** What the plan form holds: defaults, or what was typed before a refusal. */
    public record Form(String title, String description, String start, String end) {
        public Form {
            title = title == null ? "" : title;
            description = description == null ? "" : description;
            start = start == null ? "" : start;
            end = end == null ? "" : end;
        }
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    MaintenanceStore store;

    @Inject
    CatalogService catalogs;

    @Inject
    PlanningService planning;

    @Inject
    Clock clock;

    @Inject
    @Location("console/maintenance.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Planned, ongoing and recent maintenance; the form to plan (incident managers)")
    public Response show(@CookieParam(ConsoleCsrf.COOKIE) String csrfCookie, @QueryParam("ok") String ok,
                         @QueryParam("feil") String error) throws SQLException {
        String errorText = error == null ? null : "ukjent".equals(error)
                ? "Fant ikke vedlikeholdet. / Maintenance not found." : null;
        return render(csrfCookie, 200, ok, errorText, null, Set.of());
    }

    @POST
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Plan maintenance: title, description, components, start and end in Norwegian time")
    public Response plan(@FormParam("tittel") String title, @FormParam("beskrivelse") String description,
                         @FormParam("komponenter") List<String> components, @FormParam("start") String start,
                         @FormParam("slutt") String end, @FormParam("csrf") String csrf,
                         @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        List<String> chosen = components == null ? List.of() : components.stream().filter(c -> !c.isBlank()).toList();
        Catalog catalog = catalogs.current();
        Optional<FieldError> problem = MaintenanceRules.text(title, description, chosen,
                c -> catalog.component(c).isPresent());
        Instant from = null;
        Instant to = null;
        if (problem.isEmpty()) {
            from = local(start);
            to = local(end);
            problem = from == null ? Optional.of(new FieldError(400, "startsAt", "not a date and time"))
                    : to == null ? Optional.of(new FieldError(400, "endsAt", "not a date and time"))
                    : MaintenanceRules.window(from, to, Instant.now(clock));
        }
        if (problem.isPresent()) {
            return render(csrfCookie, 400, null, text(problem.get()), new Form(title, description, start, end),
                    Set.copyOf(chosen));
        }
        String actor = identity.getPrincipal().getName();
        Maintenance m = store.create(title.strip(), description.strip(), chosen, from, to, actor);
        LOG.infof("Maintenance %s planned by %s in the console: %d components, %s to %s", m.id(), actor,
                m.components().size(), from, to);
        planning.requestPlanning();
        return back("ok=" + URLEncoder.encode(m.id() + " er planlagt / planned", StandardCharsets.UTF_8));
    }

    @POST
    @Path("/{id}/avlys")
    @RolesAllowed("incident-manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Cancel planned or ongoing maintenance")
    public Response cancel(@PathParam("id") String id, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        String actor = identity.getPrincipal().getName();
        if (store.cancel(id, actor).isEmpty()) {
            return back("feil=ukjent");
        }
        LOG.infof("Maintenance %s cancelled by %s in the console", id, actor);
        planning.requestPlanning();
        return back("ok=" + URLEncoder.encode(id + " er avlyst / cancelled", StandardCharsets.UTF_8));
    }

    private Response render(String csrfCookie, int status, String ok, String errorText, Form form, Set<String> chosen)
            throws SQLException {
        Instant now = Instant.now(clock);
        Catalog catalog = catalogs.current();
        List<Row> ongoing = new ArrayList<>();
        List<Row> planned = new ArrayList<>();
        List<Row> recent = new ArrayList<>();
        for (Maintenance m : store.endingAfter(now.minus(Duration.ofDays(30)), 500)) {
            Maintenance.Phase p = m.phase(now);
            Row row = new Row(m, p.wire(), p.nb(), p.en(), m.window("nb"), names(catalog, m.components()),
                    p == Maintenance.Phase.SCHEDULED || p == Maintenance.Phase.IN_PROGRESS);
            (p == Maintenance.Phase.IN_PROGRESS ? ongoing : p == Maintenance.Phase.SCHEDULED ? planned : recent).add(row);
        }
        List<Choice> choices = catalog.components().stream()
                .map(c -> new Choice(c.id(), c.name(), c.category(), chosen.contains(c.id()))).toList();
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String html = page.data("user", identity.getPrincipal().getName())
                .data("canPlan", identity.hasRole("incident-manager")).data("ongoing", ongoing)
                .data("planned", planned).data("recent", recent).data("choices", choices)
                .data("form", form == null ? defaults(now) : form).data("csrf", csrf).data("ok", ok)
                .data("errorText", errorText)
                // a refused form re-shown with what was typed must not be swapped by a live refresh
                .data("live", status == 200 && form == null).render();
        return ConsolePagesSupport.page(status, html, csrf, csrfCookie, secureCookies);
    }

    /** The next whole hour for two hours, in Norwegian time. */
    static Form defaults(Instant now) {
        LocalDateTime start = now.atZone(OSLO).toLocalDateTime().truncatedTo(ChronoUnit.HOURS).plusHours(1);
        return new Form("", "", INPUT.format(start), INPUT.format(start.plusHours(2)));
    }

    /** A {@code datetime-local} value in Norwegian time as an instant; null when it is not one. */
    static Instant local(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(OSLO).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String names(Catalog catalog, List<String> ids) {
        return String.join(", ", ids.stream().map(id -> catalog.component(id).map(Component::name).orElse(id)).toList());
    }

    private static final Map<String, String> FIELDS = Map.of(
            "title", "Skriv en tittel (1–200 tegn).",
            "description", "Skriv en beskrivelse til kundene (1–4000 tegn).",
            "components", "Velg minst én komponent fra katalogen.",
            "startsAt", "Starten er ikke en gyldig dato og tid.",
            "endsAt", "Slutten må være en gyldig dato og tid etter starten, ikke passert, høyst 14 døgn etter starten.");

    private static String text(FieldError e) {
        return FIELDS.getOrDefault(e.field(), "Ugyldig skjema.") + " / " + e.field() + ": " + e.message();
    }

    private static Response back(String query) {
        return ConsolePagesSupport.back("/console/vedlikehold", query);
    }
}

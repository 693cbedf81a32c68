package no.nhn.driftsvakt.driftsweb;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Driftsweb's other pages, all from the in-memory snapshot: {@code /hendelser/{id}} (the stable link in every
 * notice: an incident, or a problem with its incidents) and the archive {@code /historikk} by month. Suspected
 * and dismissed incidents are "not found", so the pages never reveal them.
 */
@Path("/")
@Tag(name = "Driftsweb")
public class PublicPages {

    @Inject
    SiteModel model;

    @Inject
    SiteConfig config;

    @Inject
    @Location("driftsweb/incident.html")
    Template incident;

    @Inject
    @Location("driftsweb/history.html")
    Template history;

    @GET
    @Path("hendelser/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "An incident or a problem as customers see it (the link in every notice)")
    public Response incident(@PathParam("id") String id, @QueryParam("lang") String langParam,
                             @CookieParam("lang") String langCookie) {
        Lang lang = Lang.of(langParam != null ? langParam : langCookie);
        PublicFeed.Feed feed = model.snapshot().feed();
        List<PublicFeed.PublicIncident> shown = new ArrayList<>();
        String title = null;
        PublicFeed.PublicProblem p = feed.problems().get(id);
        if (p != null) {
            p.incidentIds().forEach(i -> feed.incident(i).ifPresent(shown::add));
            title = p.title();
        } else {
            Optional<PublicFeed.PublicIncident> i = feed.incident(id);
            i.ifPresent(shown::add);
            title = i.map(PublicFeed.PublicIncident::title).orElse(null);
        }
        Map<String, String> t = Texts.of(lang);
        TemplateInstance page = page(incident, lang, "/hendelser/" + id)
                .data("title", shown.isEmpty() ? t.get("notFound") : title == null ? shown.get(0).title() : title)
                .data("incidents", shown);
        return withLang(Response.status(shown.isEmpty() ? 404 : 200), langParam, lang).entity(page.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("historikk")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Past incidents, by month (this month unless ?maned=YYYY-MM)")
    public Response history(@QueryParam("maned") String month, @QueryParam("lang") String langParam,
                            @CookieParam("lang") String langCookie) {
        Lang lang = Lang.of(langParam != null ? langParam : langCookie);
        YearMonth now = YearMonth.from(Instant.now().atZone(Format.OSLO));
        YearMonth shown = now;
        if (month != null && !month.isBlank()) {
            try {
                shown = YearMonth.parse(month.trim());
            } catch (DateTimeParseException e) {
                return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .entity("maned må være på formen ÅÅÅÅ-MM / maned must look like YYYY-MM").build();
            }
        }
        YearMonth m = shown;
        PublicFeed.Feed feed = model.snapshot().feed();
        List<PublicFeed.PublicIncident> list = feed.archive().stream()
                .filter(i -> YearMonth.from(i.openedAt().atZone(Format.OSLO)).equals(m)).toList();
        // Months with incidents, newest first, for the navigation; this month always.
        Map<YearMonth, Integer> months = new TreeMap<>(java.util.Comparator.reverseOrder());
        months.put(now, 0);
        feed.archive().forEach(i -> months.merge(YearMonth.from(i.openedAt().atZone(Format.OSLO)), 1, Integer::sum));
        TemplateInstance page = page(history, lang, "/historikk?maned=" + m).data("month", m.toString())
                .data("incidents", list).data("months", months);
        return withLang(Response.ok(), langParam, lang).entity(page.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private TemplateInstance page(Template template, Lang lang, String path) {
        String sep = path.contains("?") ? "&" : "?";
        return template.data("lang", lang).data("t", Texts.of(lang)).data("site", config).data("centre", model.snapshot())
                .data("other", path + sep + "lang=" + lang.other().code());
    }

    /** Remembers an explicit language choice in a cookie, as the front page does. */
    static Response.ResponseBuilder withLang(Response.ResponseBuilder b, String langParam, Lang lang) {
        b.header("Cache-Control", "no-cache").header("Vary", "Cookie");
        if (langParam != null) {
            b.cookie(new NewCookie.Builder("lang").value(lang.code()).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build());
        }
        return b;
    }
}

package no.nhn.driftsvakt.driftsweb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalPublisher;
import no.nhn.driftsvakt.signal.SignalState;
import no.nhn.driftsvakt.subscriber.AddressRateLimit;

/**
 * {@code /meld-fra}: customers report a problem with a service. Each report becomes a signal from source
 * {@value Signal#CUSTOMER_REPORT} for the console (evidence on a suspected incident; it never changes the status
 * driftsweb shows). Rate limited per client address; a hidden honeypot field catches form-filling robots, which
 * get the same answer as people and are dropped.
 */
@Path("/meld-fra")
@Tag(name = "Driftsweb")
@Blocking
public class ReportForm {

    private static final Logger LOG = Logger.getLogger(ReportForm.class);
    static final int MAX_TEXT = 1000;

    @Inject
    CatalogService catalogs;

    @Inject
    SignalPublisher publisher;

    @Inject
    SiteConfig config;

    @Inject
    Clock clock;

    @Inject
    SiteModel model;

    @Inject
    @Location("driftsweb/report.html")
    Template form;

    private AddressRateLimit limit;

    @PostConstruct
    void init() {
        limit = new AddressRateLimit(config.reportsPerAddressPerHour(), Duration.ofHours(1));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The form for reporting a problem with a service")
    public Response show(@QueryParam("lang") String langParam, @CookieParam("lang") String langCookie) {
        Lang lang = Lang.of(langParam != null ? langParam : langCookie);
        return page(200, lang, langParam, List.of(), false, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Report a problem: creates a customer-reported signal for the customer centre")
    public Response submit(@FormParam("komponent") String component, @FormParam("beskrivelse") String text,
                           @FormParam("nettsted") String honeypot, @CookieParam("lang") String langCookie,
                           @Context HttpServerRequest request) throws Exception {
        Lang lang = Lang.of(langCookie);
        Instant now = Instant.now(clock);
        List<String> errors = new ArrayList<>();
        String comp = component == null ? "" : component.trim();
        String body = text == null ? "" : text.strip();
        if (catalogs.current().component(comp).isEmpty()) {
            errors.add(lang.pick("Velg tjenesten det gjelder.", "Choose the service it concerns."));
        }
        if (body.isEmpty()) {
            errors.add(lang.pick("Beskriv hva som ikke virker.", "Describe what is not working."));
        } else if (body.length() > MAX_TEXT) {
            errors.add(lang.pick("Beskrivelsen kan være høyst " + MAX_TEXT + " tegn.",
                    "The description can be at most " + MAX_TEXT + " characters."));
        }
        if (!errors.isEmpty()) {
            return page(400, lang, null, errors, false, comp, body);
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Duration wait = limit.attempt(address, now);
        if (!wait.isZero()) {
            return Response.fromResponse(page(429, lang, null, List.of(lang.pick(
                    "Du har sendt mange meldinger på kort tid. Prøv igjen senere, eller ring kundesenteret.",
                    "You have sent many reports in a short time. Try again later, or call the customer centre.")),
                    false, comp, body)).header("Retry-After", Math.max(1, wait.toSeconds())).build();
        }
        if (honeypot != null && !honeypot.isBlank()) {
            LOG.infof("Report form: honeypot filled, report dropped");
            return page(202, lang, null, List.of(), true, null, null);
        }
        Signal s = new Signal(UUID.randomUUID().toString(), Signal.CUSTOMER_REPORT, comp, SignalState.DEGRADED,
                "Kunde melder / customer reports: " + body, Map.of(), now, Signal.CUSTOMER_REPORT);
        publisher.publish(s).toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("Report form: customer report %s on %s accepted (%d characters)", s.id(), comp, body.length());
        return page(202, lang, null, List.of(), true, null, null);
    }

    private Response page(int status, Lang lang, String langParam, List<String> errors, boolean sent, String component,
                          String text) {
        List<Component> components = catalogs.current().components().stream()
                .sorted(java.util.Comparator.comparing(Component::name)).toList();
        String html = form.data("lang", lang).data("t", Texts.of(lang)).data("site", config).data("centre", model.snapshot())
                .data("other", "/meld-fra?lang=" + lang.other().code()).data("components", components)
                .data("errors", errors).data("sent", sent).data("component", component == null ? "" : component)
                .data("text", text == null ? "" : text).data("max", MAX_TEXT).render();
        return PublicPages.withLang(Response.status(status), langParam, lang).entity(html)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}

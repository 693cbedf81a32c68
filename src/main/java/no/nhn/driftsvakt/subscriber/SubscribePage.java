package no.nhn.driftsvakt.subscriber;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.catalog.CustomerGroup;
import no.nhn.driftsvakt.platform.FieldError;

/**
 * The subscribe page on driftsweb ({@code /abonner}): a customer signs up with a phone number and/or an e-mail
 * address, chooses services, agrees to the shown text, and confirms with the SMS code or the e-mail link. Limited
 * per client address; the answer is the same whether or not the address was known, so the page does not reveal
 * who is registered.
 */
@Path("/abonner")
@Tag(name = "Consent")
@Blocking
public class SubscribePage {

    @Inject
    SubscriberService subscribers;

    @Inject
    CatalogService catalogs;

    @Inject
    Clock clock;

    @Inject
    @Location("subscribe/form.html")
    Template form;

    @Inject
    @Location("subscribe/sent.html")
    Template sent;

    @ConfigProperty(name = "driftsvakt.subscribe.per-address-per-hour", defaultValue = "5")
    int perHour;

    static final List<String> FIELDS = List.of("name", "organisation", "phone", "email", "language", "group", "consent");

    private AddressRateLimit limit;

    @jakarta.annotation.PostConstruct
    void init() {
        limit = new AddressRateLimit(perHour, Duration.ofHours(1));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The subscribe page")
    public Response page() {
        Map<String, String> empty = new LinkedHashMap<>();
        for (String k : FIELDS) {
            empty.put(k, "");
        }
        return html(200, form(empty, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Subscribe (form post); at most a few a hour per client address")
    public Response subscribe(MultivaluedMap<String, String> body, @Context HttpServerRequest request)
            throws SQLException {
        Duration wait = limiter().attempt(client(request), Instant.now(clock));
        if (!wait.isZero()) {
            return Response.status(429).header("Retry-After", Math.max(1, wait.toSeconds()))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(sent.data("subscriberId", null).data("message", "For mange forsøk fra denne adressen; prøv "
                            + "igjen om " + Math.max(1, wait.toMinutes()) + " minutter. / Too many attempts from this "
                            + "address; try again later.").render()).build();
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String k : FIELDS) {
            f.put(k, body.getFirst(k));
        }
        if (!"yes".equals(f.get("consent"))) {
            return html(400, form(f, List.of(new FieldError(400, "consent", "kryss av for at du godtar teksten / "
                    + "tick the box to agree"))));
        }
        List<String> groups = f.get("group") == null ? List.of() : List.of(f.get("group"));
        List<String> chosen = body.get("components") == null ? List.of() : body.get("components");
        ContactValidator.Outcome o = new ContactValidator(
                g -> catalogs.current().customerGroups().stream().anyMatch(x -> x.id().equals(g) && x.pilot()),
                c -> catalogs.current().component(c).isPresent()).validate(f, groups, chosen, "");
        if (!o.ok()) {
            return html(400, form(f, o.errors()));
        }
        String id = null;
        try {
            id = subscribers.register(o.contact(), "self-service").id();
        } catch (SubscriberService.Refused e) {
            // already registered: answer as if new, so the page does not reveal who is registered
        }
        return html(200, sent.data("subscriberId", id != null && o.contact().phone() != null ? id : null)
                .data("message", null).render());
    }

    @POST
    @Path("/{id}/bekreft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Confirm the phone number with the SMS code (form post)")
    public Response confirm(@PathParam("id") String id, MultivaluedMap<String, String> body) throws SQLException {
        try {
            subscribers.confirmSms(id, body.getFirst("code"));
            return html(200, sent.data("subscriberId", null).data("message", "Mobilnummeret er bekreftet. Du får "
                    + "driftsmeldinger på SMS. / Your mobile number is confirmed.").render());
        } catch (SubscriberService.Refused e) {
            return html(e.error().status() == 410 ? 410 : 400, sent.data("subscriberId", e.error().status() == 410
                    ? null : id).data("message", "Koden stemmer ikke eller er utløpt. / The code is wrong or has expired.")
                    .render());
        }
    }

    private String form(Map<String, String> values, List<FieldError> errors) {
        List<CustomerGroup> groups = catalogs.current().customerGroups().stream().filter(CustomerGroup::pilot).toList();
        List<Component> components = catalogs.current().components().stream()
                .filter(c -> groups.stream().anyMatch(g -> g.uses().contains(c.id()))).toList();
        return form.data("form", values).data("errors", errors).data("groups", groups).data("components", components)
                .data("consentNb", ConsentTexts.optIn("nb")).data("consentEn", ConsentTexts.optIn("en")).render();
    }

    private AddressRateLimit limiter() {
        return limit;
    }

    private static String client(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}

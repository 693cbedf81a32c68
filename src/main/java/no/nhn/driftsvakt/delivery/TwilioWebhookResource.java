package no.nhn.driftsvakt.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.twilio.security.RequestValidator;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/**
 * Twilio calls back here: inbound SMS (a reply STOPP or STOP opts the number out of SMS) and message status
 * (delivered, undelivered, failed → the ledger). Every request must carry a valid {@code X-Twilio-Signature} for
 * our public URL and Twilio auth token; a forged or unsigned one gets 403 and changes nothing.
 */
@Path("/api/v1/twilio")
@Tag(name = "Twilio", description = "Callbacks from Twilio (signed)")
@Blocking
public class TwilioWebhookResource {

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class);
    static final Set<String> STOP_WORDS = Set.of("STOPP", "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "AVSLUTT", "AVMELD");

    @Inject
    SubscriberService subscribers;

    @Inject
    DataSource ds;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "driftsvakt.twilio.auth-token")
    Optional<String> authToken;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "Inbound SMS from Twilio: STOPP/STOP opts the sender's number out of SMS")
    public Response inbound(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form,
                            @jakarta.ws.rs.core.Context UriInfo uri) throws SQLException {
        Map<String, String> params = flat(form);
        if (!valid(signature, "/api/v1/twilio/inbound", uri, params)) {
            return forged("inbound");
        }
        String body = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
        String word = body.split("\\s+", 2)[0];
        if (STOP_WORDS.contains(word)) {
            Optional<String> id = subscribers.optOutByPhone(params.getOrDefault("From", ""), "sms-stop");
            registry.counter("driftsvakt.twilio.inbound", "kind", id.isPresent() ? "stop" : "stop_unknown_number")
                    .increment();
            LOG.infof("SMS %s received: %s", word, id.map(s -> "subscriber " + s + " opted out of SMS")
                    .orElse("number not registered"));
        } else {
            registry.counter("driftsvakt.twilio.inbound", "kind", "other").increment();
        }
        // An empty TwiML answer: Twilio's own STOP handling already confirms to the sender.
        return Response.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>").build();
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Message status from Twilio (the status callback of each SMS): delivered or not")
    public Response status(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form,
                           @jakarta.ws.rs.QueryParam("n") Long notification, @jakarta.ws.rs.core.Context UriInfo uri)
            throws SQLException {
        Map<String, String> params = flat(form);
        String path = "/api/v1/twilio/status" + (notification == null ? "" : "?n=" + notification);
        if (!valid(signature, path, uri, params)) {
            return forged("status");
        }
        String s = params.getOrDefault("MessageStatus", "");
        String state = switch (s) {
            case "delivered" -> "delivered";
            case "undelivered", "failed" -> "undelivered";
            default -> null; // queued, sending, sent: nothing to record yet
        };
        if (state != null && notification != null) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE notification SET "
                    + "state = ?, error = ?, updated_at = ? WHERE id = ? AND channel = 'sms' AND state IN ('sent', "
                    + "'unknown', 'sending')")) {
                ps.setString(1, state);
                ps.setString(2, params.get("ErrorCode") == null ? null : "Twilio error " + params.get("ErrorCode"));
                ps.setTimestamp(3, Timestamp.from(Instant.now(clock)));
                ps.setLong(4, notification);
                ps.executeUpdate();
            }
            registry.counter("driftsvakt.delivery.receipts", "state", state).increment();
        }
        return Response.noContent().build();
    }

    private boolean valid(String signature, String path, UriInfo uri, Map<String, String> params) {
        if (authToken.isEmpty() || signature == null) {
            return false;
        }
        return new RequestValidator(authToken.get()).validate(baseUrl + path, params, signature);
    }

    private Response forged(String what) {
        registry.counter("driftsvakt.twilio.rejected", "endpoint", what).increment();
        LOG.warnf("Twilio %s callback refused: missing or wrong X-Twilio-Signature", what);
        return Problem.response(403, "Ugyldig signatur / Invalid signature",
                "X-Twilio-Signature is missing or does not match this URL and the configured auth token", null);
    }

    private static Map<String, String> flat(MultivaluedMap<String, String> form) {
        Map<String, String> out = new HashMap<>();
        if (form != null) {
            form.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        return out;
    }
}

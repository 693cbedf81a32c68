package no.nhn.driftsvakt.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the message as JSON to the subscriber's HTTPS endpoint, signed so the receiver can check it came from
 * Driftsvakt and was not replayed: {@code X-Driftsvakt-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the subscriber's secret>}. 2xx is sent; 429, 5xx and I/O are retried; other 4xx are permanent.
 */
public final class WebhookGateway implements ChannelGateway {

    public static final String SIGNATURE_HEADER = "X-Driftsvakt-Signature";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Function<String, String> secretOf;
    private final Clock clock;

    /** @param secretOf the webhook secret of a subscriber id */
    public WebhookGateway(Function<String, String> secretOf, Clock clock) {
        this.secretOf = secretOf;
        this.clock = clock;
    }

    @Override
    public String send(Outgoing m) throws PermanentFailure, RetryableFailure {
        String body = m.text();
        long t = clock.instant().getEpochSecond();
        HttpRequest req = HttpRequest.newBuilder(URI.create(m.address())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(secretOf.apply(m.subscriberId()), t, body))
                .header("X-Driftsvakt-Delivery", Long.toString(m.notificationId()))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        int status;
        try {
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new RetryableFailure("webhook not reachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableFailure("interrupted");
        }
        if (status / 100 == 2) {
            return "webhook-" + m.notificationId();
        }
        if (ErrorClass.ofHttp(status) == ErrorClass.PERMANENT) {
            throw new PermanentFailure("webhook answered " + status);
        }
        throw new RetryableFailure("webhook answered " + status);
    }

    /** {@code t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. */
    public static String signature(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] h = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(h);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

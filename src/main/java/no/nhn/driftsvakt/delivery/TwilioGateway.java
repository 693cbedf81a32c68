package no.nhn.driftsvakt.delivery;

import java.net.URI;
import java.util.Optional;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import no.nhn.driftsvakt.subscriber.ContactMasks;

/**
 * SMS through Twilio's own Java SDK: from a messaging service (preferred: Twilio picks the sender and handles
 * STOP) or an alphanumeric sender such as {@code NHN}, with a status callback URL so delivery receipts come back.
 * Twilio's errors are classified: an invalid, non-mobile or opted-out number is permanent; 429, 5xx and I/O are
 * retried.
 */
public final class TwilioGateway implements ChannelGateway {

    /**
     * @param apiHost only for tests and staging: send the SDK's requests to this host (e.g. a local fake Twilio)
     */
    public record Settings(String accountSid, String authToken, Optional<String> messagingServiceSid,
                           Optional<String> from, String statusCallbackUrl, Optional<URI> apiHost) {
    }

    private final Settings settings;
    private final TwilioRestClient client;

    public TwilioGateway(Settings settings) {
        if (settings.messagingServiceSid().isEmpty() && settings.from().isEmpty()) {
            throw new IllegalArgumentException("set a Twilio messaging service SID or a sender (from)");
        }
        this.settings = settings;
        TwilioRestClient.Builder b = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken());
        settings.apiHost().ifPresent(u -> {
            HttpHost fake = new HttpHost(u.getScheme(), u.getHost(), u.getPort());
            b.httpClient(new NetworkHttpClient(HttpClientBuilder.create()
                    .setRoutePlanner((target, context) -> new HttpRoute(fake))));
        });
        this.client = b.build();
    }

    /** Looks for a message with this body to this number sent since {@code since}. */
    @Override
    public Lookup lookup(Outgoing m, java.time.Instant since) {
        try {
            for (Message msg : Message.reader().setTo(new PhoneNumber(m.address()))
                    .setDateSentAfter(since.atZone(java.time.ZoneOffset.UTC)).limit(50).read(client)) {
                if (m.text().equals(msg.getBody())) {
                    return new Lookup(Lookup.Result.FOUND, msg.getSid());
                }
            }
            return new Lookup(Lookup.Result.NOT_FOUND, null);
        } catch (ApiException | ApiConnectionException e) {
            return Lookup.CANNOT_TELL;
        }
    }

    @Override
    public String send(Outgoing m) throws PermanentFailure, RetryableFailure {
        PhoneNumber to = new PhoneNumber(m.address());
        MessageCreator creator = settings.messagingServiceSid().isPresent()
                ? Message.creator(to, settings.messagingServiceSid().get(), m.text())
                : Message.creator(to, new PhoneNumber(settings.from().orElseThrow()), m.text());
        creator.setStatusCallback(URI.create(settings.statusCallbackUrl() + "?n=" + m.notificationId()));
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
            String why = "Twilio " + status + (e.getCode() == null ? "" : " error " + e.getCode()) + " for "
                    + ContactMasks.phone(m.address());
            if (ErrorClass.ofTwilio(status, e.getCode()) == ErrorClass.PERMANENT) {
                throw new PermanentFailure(why);
            }
            throw new RetryableFailure(why);
        } catch (ApiConnectionException e) {
            throw new RetryableFailure("Twilio not reachable: " + e.getClass().getSimpleName());
        }
    }
}

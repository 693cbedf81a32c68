package no.nhn.driftsvakt.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import no.nhn.driftsvakt.subscriber.ContactMasks;

/**
 * SMS through Twilio's own Java SDK: from a messaging service (preferred: Twilio picks the sender and handles
 * STOP) or an alphanumeric sender such as {@code NHN}, with a status callback URL so delivery receipts come back.
 * <p>
 * Each call is made once: the SDK's own retry of 5xx (three quick tries, POST included) and Apache HttpClient's
 * retries are off, so the sender's backoff is the only retry policy. Failures are classified:
 * <ul>
 * <li>an invalid, non-mobile or opted-out number: permanent;</li>
 * <li>429 (with its {@code Retry-After}), other 5xx, and I/O before the request could be sent (refused, connect
 * timeout): certainly not taken, retried;</li>
 * <li>no answer after the request was sent (read timeout, reset): {@link UnknownOutcome}, settled by
 * {@link #lookup} before any retry.</li>
 * </ul>
 */
public final class TwilioGateway implements ChannelGateway {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param apiHost        only for tests and staging: send the SDK's requests to this host (e.g. a local fake)
     * @param connectTimeout how long to wait for a connection (nothing was sent if it runs out)
     * @param readTimeout    how long to wait for Twilio's answer once the request is sent (outcome unknown if it
     *                       runs out)
     */
    public record Settings(String accountSid, String authToken, Optional<String> messagingServiceSid,
                           Optional<String> from, String statusCallbackUrl, Optional<URI> apiHost,
                           Duration connectTimeout, Duration readTimeout) {

        public Settings(String accountSid, String authToken, Optional<String> messagingServiceSid, Optional<String> from,
                        String statusCallbackUrl, Optional<URI> apiHost) {
            this(accountSid, authToken, messagingServiceSid, from, statusCallbackUrl, apiHost, DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_READ_TIMEOUT);
        }
    }

    private final Settings settings;
    private final TwilioRestClient client;
    private final OneTry http;

    public TwilioGateway(Settings settings) {
        if (settings.messagingServiceSid().isEmpty() && settings.from().isEmpty()) {
            throw new IllegalArgumentException("set a Twilio messaging service SID or a sender (from)");
        }
        this.settings = settings;
        this.http = new OneTry(httpClient(settings));
        this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).httpClient(http).build();
    }

    private static HttpClientBuilder httpClient(Settings s) {
        Timeout connect = Timeout.of(s.connectTimeout());
        Timeout read = Timeout.of(s.readTimeout());
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setDefaultMaxPerRoute(20);
        pool.setMaxTotal(100);
        pool.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setSoKeepAlive(true).build());
        pool.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                .build());
        RequestConfig config = RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read)
                .build();
        HttpClientBuilder b = HttpClientBuilder.create().setConnectionManager(pool).disableAutomaticRetries()
                // the SDK puts its own timeouts (30 s) on every request; ours win
                .addRequestInterceptorFirst((request, entity, context) -> HttpClientContext.cast(context)
                        .setRequestConfig(config));
        s.apiHost().ifPresent(u -> {
            HttpHost fake = new HttpHost(u.getScheme(), u.getHost(), u.getPort());
            b.setRoutePlanner((target, context) -> new HttpRoute(fake));
        });
        return b;
    }

    /**
     * The SDK's HTTP client, one try per call, remembering the last answer's status and {@code Retry-After} per
     * thread (the SDK drops the status when an error body is not JSON, e.g. a proxy's 503 page).
     */
    static final class OneTry extends NetworkHttpClient {
        private final ThreadLocal<String> retryAfter = new ThreadLocal<>();
        private final ThreadLocal<Integer> status = new ThreadLocal<>();

        OneTry(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request) {
            return reliableRequest(request, new int[0], 1, 0);
        }

        @Override
        public Response makeRequest(Request request) {
            retryAfter.remove();
            status.remove();
            Response r = super.makeRequest(request);
            if (r != null) {
                status.set(r.getStatusCode());
            }
            if (r != null && r.getHeaders() != null) {
                for (Header h : r.getHeaders()) {
                    if (h.getName().equalsIgnoreCase("Retry-After")) {
                        retryAfter.set(h.getValue());
                    }
                }
            }
            return r;
        }

        Optional<Integer> lastStatus() {
            return Optional.ofNullable(status.get());
        }

        Optional<Duration> lastRetryAfter() {
            return ErrorClass.retryAfter(retryAfter.get(), ZonedDateTime.now(ZoneOffset.UTC));
        }
    }

    /**
     * Looks for a message with this body to this number created since {@code since}: the newest first, by
     * number only (a {@code DateSent} filter would miss a message Twilio has accepted but not sent yet, since
     * its date_sent is still empty), stopping at the first one older than {@code since}.
     */
    @Override
    public Lookup lookup(Outgoing m, Instant since) {
        try {
            for (Message msg : Message.reader().setTo(new PhoneNumber(m.address())).pageSize(50).limit(200)
                    .read(client)) {
                if (msg.getDateCreated() != null && msg.getDateCreated().toInstant().isBefore(since)) {
                    break;
                }
                if (m.text().equals(msg.getBody())) {
                    return new Lookup(Lookup.Result.FOUND, msg.getSid());
                }
            }
            return new Lookup(Lookup.Result.NOT_FOUND, null);
        } catch (ApiException | ApiConnectionException e) {
            return Lookup.UNAVAILABLE; // Twilio is down or throttling: ask again later
        }
    }

    @Override
    public String send(Outgoing m) throws PermanentFailure, RetryableFailure, UnknownOutcome {
        PhoneNumber to = new PhoneNumber(m.address());
        MessageCreator creator = settings.messagingServiceSid().isPresent()
                ? Message.creator(to, settings.messagingServiceSid().get(), m.text())
                : Message.creator(to, new PhoneNumber(settings.from().orElseThrow()), m.text());
        creator.setStatusCallback(URI.create(settings.statusCallbackUrl() + "?n=" + m.notificationId()));
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            Integer answered = e.getStatusCode() != null ? e.getStatusCode() : http.lastStatus().orElse(null);
            if (answered == null) { // no HTTP answer: the SDK wraps the I/O error
                throw noAnswer(e, m);
            }
            int status = answered;
            if (status < 300) { // Twilio took it, but its answer could not be read
                throw new UnknownOutcome("Twilio answered " + status + " but the answer was unreadable for "
                        + ContactMasks.phone(m.address()));
            }
            String why = "Twilio " + status + (e.getCode() == null ? "" : " error " + e.getCode()) + " for "
                    + ContactMasks.phone(m.address());
            if (ErrorClass.ofTwilio(status, e.getCode()) == ErrorClass.PERMANENT) {
                throw new PermanentFailure(why);
            }
            throw new RetryableFailure(why, http.lastRetryAfter().orElse(null));
        } catch (ApiConnectionException e) {
            throw noAnswer(e, m);
        }
    }

    /** @throws RetryableFailure when the request certainly never reached Twilio; else returns the unknown outcome */
    private static UnknownOutcome noAnswer(RuntimeException e, Outgoing m) throws RetryableFailure {
        String cause = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
        if (ErrorClass.ofIo(e) == ErrorClass.RETRY) {
            throw new RetryableFailure("Twilio not reachable (" + cause + ") for " + ContactMasks.phone(m.address()));
        }
        return new UnknownOutcome("no answer from Twilio after the request was sent (" + cause + ") for "
                + ContactMasks.phone(m.address()));
    }
}

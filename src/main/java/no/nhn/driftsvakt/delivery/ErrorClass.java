package no.nhn.driftsvakt.delivery;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

/** Whether a provider's refusal is worth retrying, and whether a failed call may have reached it. Pure. */
public enum ErrorClass {
    /** The message can never be delivered as addressed: do not retry. */
    PERMANENT,
    /** The provider certainly did not take it now: retry with backoff. */
    RETRY,
    /**
     * The request went out and no answer came back: the provider may have taken it. Look it up before any retry,
     * or the recipient may get it twice.
     */
    UNKNOWN;

    /** Twilio errors that mean the number cannot get this message: invalid, not mobile, opted out, not routable. */
    static final Set<Integer> TWILIO_PERMANENT = Set.of(21211, 21214, 21217, 21408, 21610, 21612, 21614);

    /**
     * @param httpStatus the provider's HTTP status (0 when the call did not complete)
     * @param code       the provider's error code, if any
     */
    public static ErrorClass ofTwilio(int httpStatus, Integer code) {
        if (code != null && TWILIO_PERMANENT.contains(code)) {
            return PERMANENT;
        }
        return ofHttp(httpStatus);
    }

    /** 429, 5xx and no answer at all: retry; any other 4xx: permanent. */
    public static ErrorClass ofHttp(int httpStatus) {
        if (httpStatus == 0 || httpStatus == 429 || httpStatus == 408 || httpStatus >= 500) {
            return RETRY;
        }
        return httpStatus >= 400 ? PERMANENT : RETRY;
    }

    /**
     * A call that ended in an I/O error without an HTTP answer. The request certainly never reached the provider
     * when the connection could not be made (refused, connect timeout, unknown host, no route, TLS handshake, no
     * pooled connection free): {@link #RETRY}. Anything after the connection was made (read timeout, reset, closed
     * without an answer) may have reached it: {@link #UNKNOWN}. A {@code null} cause is {@link #UNKNOWN} too.
     */
    public static ErrorClass ofIo(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (neverSent(t)) {
                return RETRY;
            }
        }
        return UNKNOWN;
    }

    private static boolean neverSent(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException
                // Apache HttpClient 5: connect timeout, no connection free in the pool
                || name.equals("ConnectTimeoutException") || name.equals("ConnectionRequestTimeoutException")
                || (t instanceof InterruptedIOException && t.getMessage() != null
                        && t.getMessage().toLowerCase().contains("connect timed out"));
    }

    /**
     * A {@code Retry-After} header: seconds, or an HTTP date (relative to {@code now}); empty when absent,
     * unreadable or in the past. Capped at an hour.
     */
    public static Optional<Duration> retryAfter(String header, ZonedDateTime now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        return Optional.of(d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d);
    }
}

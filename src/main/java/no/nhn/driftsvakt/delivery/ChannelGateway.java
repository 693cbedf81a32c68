package no.nhn.driftsvakt.delivery;

import java.time.Duration;
import java.util.Optional;

import no.nhn.driftsvakt.notify.Channel;

/** Hands one message to a provider (Twilio, an SMTP server, a webhook, or the local outbox). */
public interface ChannelGateway {

    /** A rendered message and where it goes; {@code address} is a number, an e-mail address or a URL. */
    record Outgoing(long notificationId, String subscriberId, Channel channel, String address, String subject,
                    String text, String html, String optOutLink) {
    }

    /** The provider refused for good (invalid or opted-out number, ...): no retry. */
    final class PermanentFailure extends Exception {
        public PermanentFailure(String message) {
            super(message);
        }
    }

    /**
     * The provider certainly did not take it (429, 5xx, connection refused, connect timeout): retry later, not
     * before {@link #retryAfter} when the provider said how long to wait.
     */
    final class RetryableFailure extends Exception {
        private final transient Duration retryAfter;

        public RetryableFailure(String message) {
            this(message, null);
        }

        public RetryableFailure(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** The provider's {@code Retry-After}, if it gave one. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * The request went out but no answer came back (read timeout, connection reset): the provider may have taken
     * the message. It must not be sent again before {@link #lookup} says the provider does not have it.
     */
    final class UnknownOutcome extends Exception {
        public UnknownOutcome(String message) {
            super(message);
        }
    }

    /** @return the provider's id for the message (e.g. a Twilio message SID) */
    String send(Outgoing message) throws PermanentFailure, RetryableFailure, UnknownOutcome;

    /** What the provider knows about a message whose send has no recorded outcome. */
    record Lookup(Result result, String providerId) {
        public enum Result {
            FOUND,
            NOT_FOUND,
            /** This provider cannot be asked at all (SMTP): the outcome stays unknown for good. */
            CANNOT_TELL,
            /** The provider could not be asked now (it is down or throttling): ask again later. */
            UNAVAILABLE
        }

        public static final Lookup CANNOT_TELL = new Lookup(Result.CANNOT_TELL, null);
        public static final Lookup UNAVAILABLE = new Lookup(Result.UNAVAILABLE, null);
    }

    /** Asks the provider whether it took this message since {@code since}; most cannot tell. */
    default Lookup lookup(Outgoing message, java.time.Instant since) {
        return Lookup.CANNOT_TELL;
    }
}

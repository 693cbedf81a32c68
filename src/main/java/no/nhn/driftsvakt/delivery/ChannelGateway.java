package no.nhn.driftsvakt.delivery;

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

    /** The provider could not take it now (429, 5xx, I/O): retry later. */
    final class RetryableFailure extends Exception {
        public RetryableFailure(String message) {
            super(message);
        }
    }

    /** @return the provider's id for the message (e.g. a Twilio message SID) */
    String send(Outgoing message) throws PermanentFailure, RetryableFailure;

    /** What the provider knows about a message whose send has no recorded outcome. */
    record Lookup(Result result, String providerId) {
        public enum Result { FOUND, NOT_FOUND, CANNOT_TELL }

        public static final Lookup CANNOT_TELL = new Lookup(Result.CANNOT_TELL, null);
    }

    /** Asks the provider whether it took this message since {@code since}; most cannot tell. */
    default Lookup lookup(Outgoing message, java.time.Instant since) {
        return Lookup.CANNOT_TELL;
    }
}

package no.nhn.driftsvakt.subscriber;

/**
 * Sends the double opt-in messages (the SMS code, the e-mail link). The delivery package implements it with the
 * real channels, or the local outbox when no provider is configured.
 */
public interface ConsentMessenger {

    void sendSmsCode(String subscriberId, String phone, String text);

    void sendEmail(String subscriberId, String email, String subject, String text);
}

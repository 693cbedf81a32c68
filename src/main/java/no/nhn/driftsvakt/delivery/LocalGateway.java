package no.nhn.driftsvakt.delivery;

import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.subscriber.ContactMasks;

/** The gateway when no provider is configured: the message goes to the local outbox, address masked. */
final class LocalGateway implements ChannelGateway {

    private final LocalOutbox outbox;

    LocalGateway(LocalOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String send(Outgoing m) {
        String masked = m.channel() == Channel.SMS ? ContactMasks.phone(m.address())
                : m.channel() == Channel.EMAIL ? ContactMasks.email(m.address()) : "webhook";
        outbox.store(m.notificationId(), m.subscriberId(), m.channel().wire(), masked, m.subject(), m.text());
        return "local-" + m.notificationId();
    }

    @Override
    public Lookup lookup(Outgoing m, java.time.Instant since) {
        return outbox.has(m.notificationId()) ? new Lookup(Lookup.Result.FOUND, "local-" + m.notificationId())
                : new Lookup(Lookup.Result.NOT_FOUND, null);
    }
}

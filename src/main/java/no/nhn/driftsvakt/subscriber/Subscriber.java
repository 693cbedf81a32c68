package no.nhn.driftsvakt.subscriber;

import java.time.Instant;
import java.util.Map;

import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.ChannelState;

/**
 * A stored subscriber: the contact, consent per channel it has an address for, and the secret token in its
 * opt-out links. After erasure the contact's name and addresses are gone and {@code erasedAt} is set.
 */
public record Subscriber(String id, Contact contact, Map<Channel, ChannelState> channels, String unsubscribeToken,
                         Instant createdAt, Instant erasedAt) {
    public Subscriber {
        channels = Map.copyOf(channels);
    }

    public boolean erased() {
        return erasedAt != null;
    }
}

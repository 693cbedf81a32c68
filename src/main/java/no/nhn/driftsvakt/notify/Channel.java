package no.nhn.driftsvakt.notify;

/** How a message reaches a subscriber. */
public enum Channel {
    SMS, EMAIL, WEBHOOK;

    public String wire() {
        return name().toLowerCase();
    }
}

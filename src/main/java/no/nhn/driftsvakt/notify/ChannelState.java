package no.nhn.driftsvakt.notify;

/** Consent for one channel of one subscriber. */
public enum ChannelState {
    PENDING, CONFIRMED, OPTED_OUT;

    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }

    public static ChannelState fromWire(String s) {
        return valueOf(s.toUpperCase().replace('-', '_'));
    }
}

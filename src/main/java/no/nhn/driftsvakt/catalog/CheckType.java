package no.nhn.driftsvakt.catalog;

/** The probe transports a check can use. */
public enum CheckType {
    HTTP, TCP, DNS, HEARTBEAT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

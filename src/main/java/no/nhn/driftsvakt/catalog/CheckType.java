package no.nhn.driftsvakt.catalog;

/** The probe transports a check can use; SUPPLIER reads a supplier's own status page or feed. */
public enum CheckType {
    HTTP, TCP, DNS, HEARTBEAT, SUPPLIER;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

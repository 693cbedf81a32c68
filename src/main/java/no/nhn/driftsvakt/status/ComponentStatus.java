package no.nhn.driftsvakt.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A component's status, with Statuspage's wire values and texts in bokmål and English. */
public enum ComponentStatus {
    OPERATIONAL("operational", 0, "I drift", "Operational", "✓"),
    UNDER_MAINTENANCE("under_maintenance", 1, "Vedlikehold", "Under maintenance", "⚙"),
    DEGRADED_PERFORMANCE("degraded_performance", 2, "Redusert ytelse", "Degraded performance", "!"),
    PARTIAL_OUTAGE("partial_outage", 3, "Delvis driftsavbrudd", "Partial outage", "▲"),
    MAJOR_OUTAGE("major_outage", 4, "Driftsavbrudd", "Major outage", "✕");

    private final String wire;
    private final int severity;
    private final String nb;
    private final String en;
    private final String symbol;

    ComponentStatus(String wire, int severity, String nb, String en, String symbol) {
        this.wire = wire;
        this.severity = severity;
        this.nb = nb;
        this.en = en;
        this.symbol = symbol;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ComponentStatus fromWire(String s) {
        for (ComponentStatus c : values()) {
            if (c.wire.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component status '" + s + "'");
    }

    public int severity() {
        return severity;
    }

    public String nb() {
        return nb;
    }

    public String en() {
        return en;
    }

    /** A text symbol, so status is never told by colour alone. */
    public String symbol() {
        return symbol;
    }

    public ComponentStatus worst(ComponentStatus other) {
        return other.severity > severity ? other : this;
    }
}

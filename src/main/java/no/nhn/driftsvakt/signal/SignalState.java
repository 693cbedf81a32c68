package no.nhn.driftsvakt.signal;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a signal says about its source: down, degraded or up. Lower-case on the wire. */
public enum SignalState {
    DOWN, DEGRADED, UP;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SignalState fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}

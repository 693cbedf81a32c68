package no.nhn.driftsvakt.incident;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The ITIL lifecycle of an incident, with the moves staff may make. */
public enum IncidentState {
    SUSPECTED("Mistenkt", "Suspected"),
    INVESTIGATING("Under undersøkelse", "Investigating"),
    IDENTIFIED("Årsak funnet", "Identified"),
    MONITORING("Overvåkes", "Monitoring"),
    RESOLVED("Løst", "Resolved"),
    CLOSED("Lukket", "Closed"),
    DISMISSED("Avvist", "Dismissed");

    private static final Map<IncidentState, Set<IncidentState>> MOVES = Map.of(
            SUSPECTED, Set.of(INVESTIGATING, IDENTIFIED, RESOLVED, DISMISSED),
            INVESTIGATING, Set.of(IDENTIFIED, MONITORING, RESOLVED, DISMISSED),
            IDENTIFIED, Set.of(INVESTIGATING, MONITORING, RESOLVED),
            MONITORING, Set.of(INVESTIGATING, IDENTIFIED, RESOLVED),
            RESOLVED, Set.of(CLOSED, INVESTIGATING),
            CLOSED, Set.of(),
            DISMISSED, Set.of());

    private final String nb;
    private final String en;

    IncidentState(String nb, String en) {
        this.nb = nb;
        this.en = en;
    }

    public String nb() {
        return nb;
    }

    public String en() {
        return en;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IncidentState fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public boolean canMoveTo(IncidentState next) {
        return MOVES.get(this).contains(next);
    }

    /** Open: the incident is still being worked on (not resolved, closed or dismissed). */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED && this != DISMISSED;
    }

    /** Confirmed by staff (or reported by them): published to customers. */
    public boolean isConfirmed() {
        return this == INVESTIGATING || this == IDENTIFIED || this == MONITORING;
    }
}

package no.nhn.driftsvakt.problem;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** ITIL problem lifecycle. */
public enum ProblemState {
    NEW("Ny", "New"),
    ANALYSING("Under analyse", "Analysing"),
    KNOWN_ERROR("Kjent feil", "Known error"),
    RESOLVED("Løst", "Resolved"),
    CLOSED("Lukket", "Closed");

    private final String nb;
    private final String en;

    ProblemState(String nb, String en) {
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
    public static ProblemState fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}

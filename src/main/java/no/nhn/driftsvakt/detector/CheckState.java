package no.nhn.driftsvakt.detector;

/** What the detector believes about a check. */
public enum CheckState {
    /** Not enough results yet. */
    UNKNOWN,
    UP,
    DOWN,
    /** Flipping between up and down too often to say either; reported once as degraded. */
    FLAPPING
}

package no.nhn.driftsvakt.detector;

/** Why the detector changed its mind about a check; a tag on the transitions metric. */
public enum TransitionReason {
    FAILURE_THRESHOLD_REACHED,
    RECOVERY_THRESHOLD_REACHED,
    FIRST_RESULTS_OK,
    FLAPPING_STARTED,
    FLAPPING_ENDED_UP,
    FLAPPING_ENDED_DOWN
}

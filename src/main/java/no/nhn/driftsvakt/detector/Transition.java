package no.nhn.driftsvakt.detector;

import java.time.Instant;

/** A decided state change of one check, with the evidence for it. */
public record Transition(String checkId, CheckState from, CheckState to, TransitionReason reason, String summary,
                         Instant at) {
}

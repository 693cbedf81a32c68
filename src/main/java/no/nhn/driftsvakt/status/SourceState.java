package no.nhn.driftsvakt.status;

import java.time.Instant;

import no.nhn.driftsvakt.signal.SignalState;

/** The latest state one source (a check at a location, an alert) reports for a component. */
public record SourceState(String source, SignalState state, String summary, Instant since, String signalId) {
}

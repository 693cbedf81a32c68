package no.nhn.driftsvakt.status;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * Folds a signal into a component's state. Pure and idempotent: a signal already applied, or older than the
 * state its source already reports, changes nothing.
 */
public final class StatusProjector {

    /** The source name of signals from confirmed incidents. */
    public static final String INCIDENT_SOURCE = "incident";

    /** The source name of the catalog's own checks (the detector). */
    public static final String PERSISTENT_SOURCE = "probe";

    private StatusProjector() {
    }

    public static Optional<ComponentState> apply(ComponentState prev, Signal s) {
        Map<String, SourceState> sources = new HashMap<>(prev == null ? Map.of() : prev.sources());
        SourceState old = sources.get(s.sourceKey());
        if (old != null && (old.signalId().equals(s.id()) || s.at().isBefore(old.since()))) {
            return Optional.empty();
        }
        if (old != null && old.state() == s.state()) {
            return Optional.empty();
        }
        if (old == null && s.state() == SignalState.UP && !PERSISTENT_SOURCE.equals(s.source())) {
            return Optional.empty(); // an alert clearing that was never raised here
        }
        if (s.state() == SignalState.UP && !PERSISTENT_SOURCE.equals(s.source())) {
            // An alert that cleared is gone; only the catalog's own checks stay as standing "up" sources, so that
            // one of two checks failing is a partial outage while a cleared alert leaves no trace.
            sources.remove(s.sourceKey());
        } else {
            sources.put(s.sourceKey(), new SourceState(s.source(), s.state(), s.summary(), s.at(), s.id()));
        }
        return Optional.of(new ComponentState(s.component(), sources, ownStatus(sources), s.at(), s.id()));
    }

    /**
     * All sources up (or none): operational. Every source down: major outage. Some down: partial outage.
     * Otherwise something degraded: degraded performance.
     */
    public static ComponentStatus ownStatus(Map<String, SourceState> sources) {
        // A confirmed incident is the customer centre's word: outage or degradation, whatever the monitors say.
        ComponentStatus declared = ComponentStatus.OPERATIONAL;
        Map<String, SourceState> monitors = new HashMap<>();
        for (Map.Entry<String, SourceState> e : sources.entrySet()) {
            if (no.nhn.driftsvakt.signal.Signal.LOCATION_NOTE.equals(e.getValue().source())) {
                continue; // "unreachable from X", below the quorum: a note for staff, not the component's status
            }
            if (INCIDENT_SOURCE.equals(e.getValue().source())) {
                declared = declared.worst(e.getValue().state() == SignalState.DOWN ? ComponentStatus.MAJOR_OUTAGE
                        : e.getValue().state() == SignalState.DEGRADED ? ComponentStatus.DEGRADED_PERFORMANCE
                        : ComponentStatus.OPERATIONAL);
            } else {
                monitors.put(e.getKey(), e.getValue());
            }
        }
        return declared.worst(monitorStatus(monitors));
    }

    private static ComponentStatus monitorStatus(Map<String, SourceState> sources) {
        long down = sources.values().stream().filter(x -> x.state() == SignalState.DOWN).count();
        long degraded = sources.values().stream().filter(x -> x.state() == SignalState.DEGRADED).count();
        if (down > 0 && down == sources.size()) {
            return ComponentStatus.MAJOR_OUTAGE;
        }
        if (down > 0) {
            return ComponentStatus.PARTIAL_OUTAGE;
        }
        if (degraded > 0) {
            return ComponentStatus.DEGRADED_PERFORMANCE;
        }
        return ComponentStatus.OPERATIONAL;
    }
}

package no.nhn.driftsvakt.detector;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.probe.ProbeResult;

/**
 * One state machine per (check, location). Pure; the caller serialises access (one partition, one thread).
 * A machine seen for the first time starts from the last state the status view knows, so a restart or
 * rebalance neither repeats nor misses a transition.
 */
public final class Detector {

    private final FlapPolicy flap;
    private final Function<String, CheckState> knownState;
    private final Map<String, CheckStateMachine> machines = new HashMap<>();

    /** @param knownState the last published state of a source key ({@code check@location}), UNKNOWN if none */
    public Detector(FlapPolicy flap, Function<String, CheckState> knownState) {
        this.flap = flap;
        this.knownState = knownState;
    }

    public static String sourceKey(String checkId, String location) {
        return checkId + "@" + location;
    }

    public Optional<Transition> accept(Check check, ProbeResult r) {
        String key = sourceKey(r.checkId(), r.location());
        CheckStateMachine m = machines.computeIfAbsent(key, k -> new CheckStateMachine(k, check.failuresToDown(),
                check.successesToRecover(), flap, knownState.apply(k)));
        return m.accept(r.ok(), r.at(), r.detail());
    }

    /** Forgets a check, e.g. when it left the catalog or its thresholds changed. */
    public void forget(String checkId) {
        machines.keySet().removeIf(k -> k.startsWith(checkId + "@"));
    }

    public int size() {
        return machines.size();
    }
}

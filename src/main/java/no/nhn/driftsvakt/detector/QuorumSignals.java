package no.nhn.driftsvakt.detector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.probe.ProbeResult;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * The signals of a quorum judgement. Pure.
 * <ul>
 *   <li>The check's own state, source {@code probe}, source key = the check id: {@code down} at the quorum,
 *       {@code degraded} when the quorum is only reached with flapping locations, {@code up} below it.</li>
 *   <li>A note per location that sees the check failing below the quorum, source
 *       {@link Signal#LOCATION_NOTE}, source key {@code check@location}: {@code degraded} "Utilgjengelig fra X /
 *       Unreachable from X" while it lasts, {@code up} when it ends. Notes never change a component's status and
 *       never open an incident: staff see them, customers do not.</li>
 * </ul>
 * Signals carry the judgement's time (the check's newest result from any location, {@link Detector.Judgement#at}),
 * which never goes back for a check: a slow probe's result that tips the verdict carries its start time, older than
 * the last change, and status would ignore it as stale. Ids are derived from the source key, the deciding result's
 * time and the state, so a redelivered result repeats them.
 */
final class QuorumSignals {

    private QuorumSignals() {
    }

    static List<Signal> of(Check check, ProbeResult r, Detector.Judgement j) {
        List<Signal> out = new ArrayList<>();
        QuorumRule.Verdict v = j.verdict();
        boolean quorumReached = j.changed().map(l -> l != QuorumRule.Level.UP).orElse(false);
        for (String loc : j.notesCleared()) {
            out.add(note(check, r, j.at(), loc, SignalState.UP,
                    quorumReached ? "Del av kvorumet: " + QuorumRule.displayName(loc) + " / Part of the quorum: "
                            + QuorumRule.displayName(loc)
                            : "Nås igjen fra " + QuorumRule.displayName(loc) + " / Reachable again from "
                            + QuorumRule.displayName(loc),
                    quorumReached ? "quorum" : "reachable"));
        }
        j.changed().ifPresent(level -> out.add(checkSignal(check, r, j.at(), level, v)));
        for (String loc : j.notesRaised()) {
            String detail = loc.equals(r.location()) && !r.ok() && r.detail() != null ? ": " + r.detail() : "";
            out.add(note(check, r, j.at(), loc, SignalState.DEGRADED, unreachableFrom(List.of(loc)) + detail, "unreachable"));
        }
        return out;
    }

    /** "Utilgjengelig fra Bergen / Unreachable from Bergen". */
    static String unreachableFrom(List<String> locations) {
        return "Utilgjengelig fra " + QuorumRule.names(locations, "og") + " / Unreachable from "
                + QuorumRule.names(locations, "and");
    }

    private static Signal checkSignal(Check check, ProbeResult r, Instant at, QuorumRule.Level level,
                                      QuorumRule.Verdict v) {
        SignalState state = switch (level) {
            case DOWN -> SignalState.DOWN;
            case DEGRADED -> SignalState.DEGRADED;
            case UP, UNKNOWN -> SignalState.UP;
        };
        String count = " (" + v.failing().size() + " av " + v.fresh() + " steder / " + v.failing().size() + " of "
                + v.fresh() + " locations)";
        String detail = !r.ok() && r.detail() != null ? ": " + r.detail() : "";
        String summary = switch (level) {
            case DOWN -> "Nede fra " + QuorumRule.names(v.failing(), "og") + " / Down from "
                    + QuorumRule.names(v.failing(), "and") + count + detail;
            case DEGRADED -> "Ustabil fra " + QuorumRule.names(v.failing(), "og") + " / Flapping from "
                    + QuorumRule.names(v.failing(), "and") + count;
            case UP, UNKNOWN -> "ok";
        };
        Map<String, String> labels = new HashMap<>();
        labels.put("check", check.id());
        labels.put("location", r.location());
        labels.put("locations", String.join(",", v.failing()));
        labels.put("quorum", v.required() + "/" + v.fresh());
        labels.put("reason", "quorum_" + level.name().toLowerCase(Locale.ROOT));
        labels.put("probeReason", r.reason() == null ? "" : r.reason().name().toLowerCase(Locale.ROOT));
        // The id from the deciding result, as before: a redelivered result decides the same again, whatever the
        // detector remembers of other locations after a restart
        return new Signal(check.id() + ":" + r.at().toEpochMilli() + ":" + state.wire(), "probe", check.componentId(),
                state, summary, labels, at, check.id());
    }

    private static Signal note(Check check, ProbeResult r, Instant at, String location, SignalState state,
                               String summary, String reason) {
        String key = Detector.sourceKey(check.id(), location);
        return new Signal(key + ":" + r.at().toEpochMilli() + ":" + state.wire(), Signal.LOCATION_NOTE,
                check.componentId(), state, summary,
                Map.of("check", check.id(), "location", location, "reason", reason), at, key);
    }
}

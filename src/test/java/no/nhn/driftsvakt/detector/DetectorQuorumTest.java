package no.nhn.driftsvakt.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;
import no.nhn.driftsvakt.probe.FailureReason;
import no.nhn.driftsvakt.probe.ProbeResult;
import no.nhn.driftsvakt.signal.Signal;

/** The detector in quorum mode, 2 of oslo, bergen, trondheim: results in, signals out. */
class DetectorQuorumTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Detector.QuorumPolicy TWO_OF_THREE =
            new Detector.QuorumPolicy(List.of("oslo", "bergen", "trondheim"), 2, 1, 3);
    private static final Check CHECK = new Check("web-http", "web", Duration.ofSeconds(10), Duration.ofSeconds(2), 3, 2,
            new CheckSpec.Tcp("localhost", 80), 2);

    private final List<Signal> out = new ArrayList<>();
    private Detector detector = new Detector(FlapPolicy.DEFAULT, k -> CheckState.UNKNOWN);
    private int round;

    /** One probe round: every named location reports once, 10 s after the previous round. */
    private void round(Map<String, Boolean> results) {
        Instant at = T0.plusSeconds(10L * round++);
        results.forEach((loc, ok) -> {
            ProbeResult r = new ProbeResult(CHECK.id(), CHECK.componentId(), "tcp", loc, ok,
                    ok ? FailureReason.NONE : FailureReason.CONNECTION_FAILED, 5, ok ? "ok" : "connection refused",
                    null, at);
            Detector.Judgement j = detector.judge(CHECK, r, TWO_OF_THREE);
            out.addAll(QuorumSignals.of(CHECK, r, j));
        });
    }

    private void rounds(int n, Map<String, Boolean> results) {
        for (int i = 0; i < n; i++) {
            round(new java.util.TreeMap<>(results));
        }
    }

    private List<String> drained() {
        List<String> s = out.stream().map(x -> x.source() + " " + x.sourceKey() + " " + x.state().wire()).toList();
        out.clear();
        return s;
    }

    @Test
    void oneLocationFailingIsANoteTwoAreDownAndRecoveryEndsBoth() {
        rounds(1, Map.of("oslo", true, "bergen", true, "trondheim", true));
        assertEquals(List.of("probe web-http up"), drained(), "first results: up, under the check's own key");

        rounds(3, Map.of("oslo", true, "bergen", false, "trondheim", true));
        List<Signal> note = List.copyOf(out);
        assertEquals(List.of("probe-location web-http@bergen degraded"), drained(), "bergen alone: a note, no outage");
        assertTrue(note.get(0).summary().startsWith("Utilgjengelig fra Bergen / Unreachable from Bergen"),
                note.get(0).summary());
        assertEquals("bergen", note.get(0).labels().get("location"));

        rounds(3, Map.of("oslo", false, "bergen", false, "trondheim", true));
        List<Signal> down = List.copyOf(out);
        assertEquals(List.of("probe-location web-http@bergen up", "probe web-http down"), drained(),
                "two locations: the check is down, the note is folded into it");
        assertTrue(down.get(1).summary().startsWith("Nede fra Bergen og Oslo / Down from Bergen and Oslo (2 av 3"),
                down.get(1).summary());
        assertEquals("bergen,oslo", down.get(1).labels().get("locations"));

        rounds(2, Map.of("oslo", true, "bergen", false, "trondheim", true));
        assertEquals(List.of("probe web-http up", "probe-location web-http@bergen degraded"), drained(),
                "fewer than the quorum failing: up again, bergen noted");

        rounds(2, Map.of("oslo", true, "bergen", true, "trondheim", true));
        assertEquals(List.of("probe-location web-http@bergen up"), drained(), "bergen reachable again");

        rounds(3, Map.of("oslo", true, "bergen", true, "trondheim", true));
        assertEquals(List.of(), drained(), "steady: nothing");
    }

    @Test
    void aSilentLocationStopsCountingAfterThreeIntervals() {
        rounds(1, Map.of("oslo", true, "bergen", true, "trondheim", true));
        rounds(3, Map.of("oslo", false, "bergen", true, "trondheim", true));
        assertEquals(List.of("probe web-http up", "probe-location web-http@oslo degraded"), drained());

        // trondheim and bergen go silent; oslo still fails: once they are stale, oslo alone is the quorum (floor 1)
        rounds(3, Map.of("oslo", false));
        assertEquals(List.of(), drained(), "within three intervals the silent ones still count");
        rounds(1, Map.of("oslo", false));
        assertEquals(List.of("probe-location web-http@oslo up", "probe web-http down"), drained());
    }

    @Test
    void aRestartStartsFromWhatWasPublishedAndNeitherFlipsNorRepeats() {
        rounds(1, Map.of("oslo", true, "bergen", true, "trondheim", true));
        rounds(3, Map.of("oslo", true, "bergen", false, "trondheim", true));
        drained();

        // A new detector (restart), seeded from the status view: the check is up, bergen has a note.
        detector = new Detector(FlapPolicy.DEFAULT, k -> k.equals("web-http") ? CheckState.UP : CheckState.UNKNOWN,
                checkId -> Set.of("bergen"));
        rounds(1, Map.of("oslo", true));
        rounds(2, Map.of("oslo", true, "bergen", false, "trondheim", true));
        assertEquals(List.of(), drained(), "nothing new to say");
        rounds(2, Map.of("oslo", true, "bergen", true, "trondheim", true));
        assertEquals(List.of("probe-location web-http@bergen up"), drained());
    }

    @Test
    void theStateOfTheCheckIsAlsoRecoveredWhenPublishedDown() {
        detector = new Detector(FlapPolicy.DEFAULT, k -> k.equals("web-http") ? CheckState.DOWN : CheckState.UNKNOWN,
                checkId -> Set.of());
        rounds(1, Map.of("oslo", false, "bergen", false, "trondheim", false));
        assertEquals(List.of(), drained(), "still down after a restart: no repeat");
        rounds(2, Map.of("oslo", true, "bergen", true, "trondheim", false));
        assertEquals(List.of("probe web-http up", "probe-location web-http@trondheim degraded"), drained());
    }
}

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

    /** One result from one location, started at {@code at}. */
    private void result(String loc, boolean ok, Instant at) {
        ProbeResult r = new ProbeResult(CHECK.id(), CHECK.componentId(), "tcp", loc, ok,
                ok ? FailureReason.NONE : FailureReason.CONNECTION_FAILED, 5, ok ? "ok" : "connection refused", null, at);
        out.addAll(QuorumSignals.of(CHECK, r, detector.judge(CHECK, r, TWO_OF_THREE)));
    }

    @Test
    void aSlowResultThatEndsTheOutageIsNotOlderThanTheOutage() {
        for (String loc : List.of("oslo", "bergen", "trondheim")) {
            result(loc, true, T0);
        }
        for (int sec : new int[] {10, 20}) {
            result("oslo", false, T0.plusSeconds(sec));
            result("bergen", false, T0.plusSeconds(sec));
        }
        result("bergen", false, T0.plusSeconds(30)); // bergen down: a note
        result("oslo", false, T0.plusSeconds(33)); // oslo down too, from a probe started at :33: the check is down
        List<Signal> before = new ArrayList<>(out);
        drained();
        // Bergen's next probes started at :31 and :32 (after its last one) and finished after oslo's
        result("bergen", true, T0.plusSeconds(31));
        result("bergen", true, T0.plusSeconds(32));
        List<Signal> up = out.stream().filter(x -> x.source().equals("probe")).toList();
        assertEquals(List.of("probe web-http up"), drained().stream().filter(x -> x.startsWith("probe ")).toList(),
                "bergen recovered: one location failing is below the quorum");
        Signal down = before.stream().filter(x -> x.source().equals("probe") && x.state().wire().equals("down"))
                .findFirst().orElseThrow();
        assertTrue(!up.get(0).at().isBefore(down.at()), "the up (" + up.get(0).at()
                + ") must not be older than the down (" + down.at() + "), or status drops it as stale");

        // What status makes of the check's signals: operational again
        no.nhn.driftsvakt.status.ComponentState state = null;
        for (Signal x : before.stream().filter(x -> x.source().equals("probe")).toList()) {
            state = no.nhn.driftsvakt.status.StatusProjector.apply(state, x).orElse(state);
        }
        assertEquals(no.nhn.driftsvakt.status.ComponentStatus.MAJOR_OUTAGE, state.status());
        state = no.nhn.driftsvakt.status.StatusProjector.apply(state, up.get(0)).orElse(state);
        assertEquals(no.nhn.driftsvakt.status.ComponentStatus.OPERATIONAL, state.status());
    }

    @Test
    void afterARestartTheFirstSignalIsNotOlderThanWhatStatusHolds() {
        // Status says the check went down at :100; the first results after the restart started before that
        Instant since = T0.plusSeconds(100);
        detector = new Detector(FlapPolicy.DEFAULT, k -> k.equals(CHECK.id()) ? CheckState.DOWN : CheckState.UNKNOWN,
                checkId -> Set.of(), checkId -> since);
        for (int sec : new int[] {50, 51}) {
            result("oslo", true, T0.plusSeconds(sec));
            result("bergen", true, T0.plusSeconds(sec));
        }
        Signal up = out.stream().filter(x -> x.source().equals("probe")).findFirst().orElseThrow();
        assertEquals("up", up.state().wire());
        assertTrue(!up.at().isBefore(since), "stamped " + up.at() + ", before status's " + since);
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

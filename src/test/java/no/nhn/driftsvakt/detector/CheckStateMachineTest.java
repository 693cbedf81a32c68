package no.nhn.driftsvakt.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CheckStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final FlapPolicy flap = new FlapPolicy(5, Duration.ofMinutes(10));
    private int second;

    private CheckStateMachine machine(CheckState initial) {
        return new CheckStateMachine("c@local", 3, 2, flap, initial);
    }

    private List<Transition> feed(CheckStateMachine m, boolean... results) {
        List<Transition> out = new ArrayList<>();
        for (boolean ok : results) {
            m.accept(ok, T0.plusSeconds(second++), ok ? "ok" : "HTTP 503").ifPresent(out::add);
        }
        return out;
    }

    @Test
    void goesDownOnlyAtTheThirdFailureInARow() {
        CheckStateMachine m = machine(CheckState.UP);

        assertEquals(List.of(), feed(m, false, false));
        List<Transition> t = feed(m, false);

        assertEquals(1, t.size());
        assertEquals(CheckState.DOWN, t.get(0).to());
        assertEquals(TransitionReason.FAILURE_THRESHOLD_REACHED, t.get(0).reason());
        assertTrue(t.get(0).summary().contains("HTTP 503"));
    }

    @Test
    void aSuccessInBetweenResetsTheFailureCount() {
        CheckStateMachine m = machine(CheckState.UP);

        assertEquals(List.of(), feed(m, false, false, true, false, false));
        assertEquals(CheckState.UP, m.state());
    }

    @Test
    void recoversAfterTwoSuccessesInARow() {
        CheckStateMachine m = machine(CheckState.DOWN);

        assertEquals(List.of(), feed(m, true));
        List<Transition> t = feed(m, true);

        assertEquals(CheckState.UP, t.get(0).to());
        assertEquals(TransitionReason.RECOVERY_THRESHOLD_REACHED, t.get(0).reason());
    }

    @Test
    void theFirstSuccessOfAnUnknownCheckAnnouncesItUp() {
        CheckStateMachine m = machine(CheckState.UNKNOWN);

        List<Transition> t = feed(m, true, true, true);

        assertEquals(1, t.size());
        assertEquals(TransitionReason.FIRST_RESULTS_OK, t.get(0).reason());
        assertEquals(T0, t.get(0).at());
    }

    @Test
    void anUnknownCheckThatFailsStillNeedsTheThresholdToGoDown() {
        CheckStateMachine m = machine(CheckState.UNKNOWN);

        assertEquals(List.of(), feed(m, false, false));
        assertEquals(CheckState.DOWN, feed(m, false).get(0).to());
    }

    @Test
    void aSeededStateIsNotRepeatedAfterARestart() {
        CheckStateMachine m = machine(CheckState.DOWN);

        assertEquals(List.of(), feed(m, false, false, false, false));
    }

    @Test
    void flappingIsReportedOnceNotAsAStorm() {
        CheckStateMachine m = machine(CheckState.UP);

        List<Transition> t = feed(m, false, true, false, true, false, true, false, true, false, true, false, true,
                false, true, false, true, false, true, false, true);

        assertEquals(1, t.size(), t.toString());
        assertEquals(CheckState.FLAPPING, t.get(0).to());
        assertEquals(TransitionReason.FLAPPING_STARTED, t.get(0).reason());
    }

    @Test
    void flappingEndsWhenTheCheckHasBeenStableForAWindow() {
        CheckStateMachine m = machine(CheckState.UP);
        feed(m, false, true, false, true, false, true, false);
        assertEquals(CheckState.FLAPPING, m.state());

        second += 700; // more than the 10 min window later
        List<Transition> t = feed(m, true, true);

        assertEquals(1, t.size());
        assertEquals(CheckState.UP, t.get(0).to());
        assertEquals(TransitionReason.FLAPPING_ENDED_UP, t.get(0).reason());
    }

    @Test
    void aResultOlderThanTheLastIsIgnored() {
        CheckStateMachine m = machine(CheckState.UP);
        m.accept(true, T0.plusSeconds(100), "ok");

        Optional<Transition> t = m.accept(false, T0.plusSeconds(50), "late");

        assertTrue(t.isEmpty());
        assertEquals(List.of(), feed(m, false, false)); // the late one did not count: only 2 failures
    }
}

package no.nhn.driftsvakt.detector;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The detector's decision for one check: consecutive-failure and consecutive-success thresholds, plus flapping
 * detection. Pure: results and their times come in, at most one transition comes out.
 */
public final class CheckStateMachine {

    private final String checkId;
    private final int failuresToDown;
    private final int successesToRecover;
    private final FlapPolicy flap;
    private final Deque<Instant> flips = new ArrayDeque<>();
    private CheckState state;
    private Boolean lastOk;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Instant lastAt;

    public CheckStateMachine(String checkId, int failuresToDown, int successesToRecover, FlapPolicy flap,
                             CheckState initial) {
        this.checkId = checkId;
        this.failuresToDown = failuresToDown;
        this.successesToRecover = successesToRecover;
        this.flap = flap;
        this.state = initial;
    }

    public CheckState state() {
        return state;
    }

    /**
     * Takes one probe result. Results older than the last one taken are ignored (redelivery after a rebalance).
     *
     * @param detail the probe's own explanation, used in the summary of a down transition
     */
    public Optional<Transition> accept(boolean ok, Instant at, String detail) {
        if (lastAt != null && at.isBefore(lastAt)) {
            return Optional.empty();
        }
        lastAt = at;
        if (lastOk != null && lastOk != ok) {
            flips.addLast(at);
        }
        lastOk = ok;
        while (!flips.isEmpty() && flips.peekFirst().isBefore(at.minus(flap.window()))) {
            flips.removeFirst();
        }
        if (ok) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
        } else {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
        }
        if (state != CheckState.FLAPPING && flips.size() > flap.maxFlips()) {
            return move(CheckState.FLAPPING, TransitionReason.FLAPPING_STARTED, at,
                    "ustabil: " + flips.size() + " skift på " + flap.window().toMinutes() + " min / flapping: "
                            + flips.size() + " changes in " + flap.window().toMinutes() + " min");
        }
        if (state == CheckState.FLAPPING) {
            if (flips.size() > flap.maxFlips() / 2) {
                return Optional.empty();
            }
            if (consecutiveSuccesses >= successesToRecover) {
                return move(CheckState.UP, TransitionReason.FLAPPING_ENDED_UP, at, "stabil igjen / stable again");
            }
            if (consecutiveFailures >= failuresToDown) {
                return move(CheckState.DOWN, TransitionReason.FLAPPING_ENDED_DOWN, at, detail);
            }
            return Optional.empty();
        }
        if (state != CheckState.DOWN && consecutiveFailures >= failuresToDown) {
            return move(CheckState.DOWN, TransitionReason.FAILURE_THRESHOLD_REACHED, at,
                    detail + " (" + consecutiveFailures + " feil på rad / failures in a row)");
        }
        if (state == CheckState.UNKNOWN && ok) {
            // Nothing to recover from: the first success says the check is up (failures still need the threshold).
            return move(CheckState.UP, TransitionReason.FIRST_RESULTS_OK, at, "ok");
        }
        if (state != CheckState.UP && consecutiveSuccesses >= successesToRecover) {
            return move(CheckState.UP, TransitionReason.RECOVERY_THRESHOLD_REACHED, at, "ok");
        }
        return Optional.empty();
    }

    private Optional<Transition> move(CheckState to, TransitionReason reason, Instant at, String summary) {
        CheckState from = state;
        state = to;
        return Optional.of(new Transition(checkId, from, to, reason, summary, at));
    }
}

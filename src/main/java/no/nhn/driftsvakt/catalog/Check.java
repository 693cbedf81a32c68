package no.nhn.driftsvakt.catalog;

import java.time.Duration;

/**
 * One check of a component.
 *
 * @param failuresToDown     consecutive failures before the check is reported down (default 3)
 * @param successesToRecover consecutive successes before a down check is reported up again (default 2)
 * @param quorum             how many probe locations must see the check failing before it is down; null: the
 *                           deployment's {@code driftsvakt.detector.quorum}
 */
public record Check(String id, String componentId, Duration interval, Duration timeout, int failuresToDown,
                    int successesToRecover, CheckSpec spec, Integer quorum) {

    /** A check that takes the deployment's quorum. */
    public Check(String id, String componentId, Duration interval, Duration timeout, int failuresToDown,
                 int successesToRecover, CheckSpec spec) {
        this(id, componentId, interval, timeout, failuresToDown, successesToRecover, spec, null);
    }

    public CheckType type() {
        return spec.type();
    }
}

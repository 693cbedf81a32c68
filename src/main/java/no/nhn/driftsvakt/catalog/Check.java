package no.nhn.driftsvakt.catalog;

import java.time.Duration;

/**
 * One check of a component.
 *
 * @param failuresToDown     consecutive failures before the check is reported down (default 3)
 * @param successesToRecover consecutive successes before a down check is reported up again (default 2)
 */
public record Check(String id, String componentId, Duration interval, Duration timeout, int failuresToDown,
                    int successesToRecover, CheckSpec spec) {

    public CheckType type() {
        return spec.type();
    }
}

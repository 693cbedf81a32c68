package no.nhn.driftsvakt.signal;

import java.time.Instant;
import java.util.Map;

/**
 * A state change about a component, as carried on {@code driftsvakt.signals} (key: component id).
 *
 * @param id        unique; consumers are idempotent on it
 * @param source    who says so: {@code probe}, {@code alertmanager}, a monitor's name
 * @param labels    context; for probe signals {@code check}, {@code location} and {@code reason}
 * @param sourceKey what within the source the state belongs to (a check id, an alert fingerprint), so several
 *                  checks of one component each keep their own state
 */
public record Signal(String id, String source, String component, SignalState state, String summary,
                     Map<String, String> labels, Instant at, String sourceKey) {
    /** The source of reports customers send through driftsweb's form: evidence for staff, never status. */
    public static final String CUSTOMER_REPORT = "customer-report";

    /**
     * The source of the detector's "unreachable from X" notes: a check fails from some probe locations, fewer than
     * its quorum. For staff only: never status, never an incident.
     */
    public static final String LOCATION_NOTE = "probe-location";

    public Signal {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        sourceKey = sourceKey == null || sourceKey.isBlank() ? source : sourceKey;
    }
}

package no.nhn.driftsvakt.correlation;

import java.time.Instant;
import java.util.List;

/**
 * A group of related incidents the correlator found, or staff pinned.
 *
 * @param key            stable identity: {@code kind:first incident id} for automatic groups, the pinned key for staff
 *                       groups, {@code recurring:component} for recurrence
 * @param incidentIds    sorted
 * @param rootComponent  the root-cause candidate
 * @param rootSuspected  true when the root is inferred (a shared upstream with no check of its own, or a label)
 *                       rather than itself failing
 * @param rootIncidentId the incident on the root component, when it has one
 * @param reason         a short explanation for people (Norwegian / English)
 */
public record ProblemGroup(String key, Kind kind, List<String> incidentIds, String rootComponent,
                           boolean rootSuspected, String rootIncidentId, Instant firstOpenedAt, String reason) {

    /** How the group was formed. */
    public enum Kind {
        TOPOLOGY, LABEL, RECURRING, STAFF
    }

    public ProblemGroup {
        incidentIds = List.copyOf(incidentIds);
    }
}

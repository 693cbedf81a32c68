package no.nhn.driftsvakt.problem;

import java.time.Instant;
import java.util.List;

import no.nhn.driftsvakt.correlation.ProblemGroup;

/**
 * A problem as stored and announced on {@code driftsvakt.problems} (key: problem id).
 *
 * @param key           the correlator's key for the group (or the staff key), stable as the group grows
 * @param rootSuspected the root is inferred, not itself failing
 * @param mergedInto    set when a bridging incident merged this problem into another
 */
public record Problem(String id, String key, ProblemGroup.Kind kind, ProblemState state, String title,
                      String rootComponent, boolean rootSuspected, String rootIncidentId, String reason,
                      String rootCause, String workaround, boolean workaroundPublic, String mergedInto,
                      List<String> incidentIds, Instant openedAt, Instant resolvedAt, int version,
                      Instant updatedAt) {
    public Problem {
        incidentIds = List.copyOf(incidentIds);
    }
}

package no.nhn.driftsvakt.correlation;

import java.time.Instant;

/**
 * What the correlator needs to know of an incident.
 *
 * @param version    the incident's version; a fact with a lower version than one already known is stale
 * @param resolvedAt null while open
 * @param dismissed  a false positive: takes no part in problems
 */
public record IncidentFacts(String id, String componentId, Instant openedAt, Instant resolvedAt, boolean dismissed,
                            int version) {
}

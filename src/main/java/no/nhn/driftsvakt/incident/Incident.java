package no.nhn.driftsvakt.incident;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incident as stored and as announced on {@code driftsvakt.incidents} (key: incident id).
 *
 * @param failingSources source key → summary of each source that currently reports the component failing
 * @param origin         {@code signal} (opened by monitoring) or {@code manual} (reported by phone, through the API)
 * @param version        increases with every change; consumers ignore a version they have seen
 * @param assignee       the support group (catalog id) the incident is assigned to, 2nd or 3rd line; null: nobody
 * @param failingSince   source key → time of the signal that made that source failing in this incident (or made it
 *                       worse); a later signal from the source dated before it is stale. Sources of incidents
 *                       stored before this was kept have none (and no signal from them is judged stale)
 */
public record Incident(String id, String componentId, String title, IncidentState state, Priority priority,
                       Priority.Impact impact, Priority.Urgency urgency, String origin,
                       Map<String, String> failingSources, Instant openedAt, Instant confirmedAt,
                       Instant resolvedAt, String problemId, int version, Instant updatedAt,
                       String assignee, Map<String, Instant> failingSince) {

    public Incident {
        failingSources = failingSources == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(failingSources));
        failingSince = failingSince == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(failingSince));
    }

    /** Active: open, or dismissed while the failure it was about still goes on. */
    public boolean isActive() {
        return state.isOpen() || (state == IncidentState.DISMISSED && !failingSources.isEmpty());
    }

    Incident with(IncidentState newState, Map<String, String> sources, Priority newPriority,
                  Priority.Urgency newUrgency, Instant at) {
        Map<String, Instant> since = new TreeMap<>(failingSince);
        since.keySet().retainAll(sources.keySet());
        return new Incident(id, componentId, title, newState, newPriority, impact, newUrgency, origin, sources,
                openedAt, confirmedAt == null && newState.isConfirmed() ? at : confirmedAt,
                resolvedAt == null && newState == IncidentState.RESOLVED ? at : resolvedAt, problemId,
                version + 1, at, assignee, since);
    }

    /** The same incident (same version) with {@code source} failing since {@code at}. */
    Incident withFailingSince(String source, Instant at) {
        Map<String, Instant> since = new TreeMap<>(failingSince);
        since.put(source, at);
        return new Incident(id, componentId, title, state, priority, impact, urgency, origin, failingSources,
                openedAt, confirmedAt, resolvedAt, problemId, version, updatedAt, assignee, since);
    }

    /** The same incident under another id (a batch's new incidents get their numbers when it is saved). */
    Incident withId(String newId) {
        return new Incident(newId, componentId, title, state, priority, impact, urgency, origin, failingSources,
                openedAt, confirmedAt, resolvedAt, problemId, version, updatedAt, assignee, failingSince);
    }

    /** The same incident assigned to a support group (a new version). */
    Incident assignedTo(String group, Instant at) {
        return new Incident(id, componentId, title, state, priority, impact, urgency, origin, failingSources, openedAt,
                confirmedAt, resolvedAt, problemId, version + 1, at, group, failingSince);
    }
}

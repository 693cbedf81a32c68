package no.nhn.driftsvakt.incident;

import java.util.List;

/**
 * What {@code driftsvakt.incidents} carries (key: incident id): the incident after the change and the timeline
 * entries the change added. {@code eventId} is {@code <incident id>:<version>}; consumers are idempotent on it.
 */
public record IncidentEvent(String eventId, Incident incident, List<TimelineEntry> added) {

    public static IncidentEvent of(Incident i, List<TimelineEntry> added) {
        return new IncidentEvent(i.id() + ":" + i.version(), i, List.copyOf(added));
    }
}

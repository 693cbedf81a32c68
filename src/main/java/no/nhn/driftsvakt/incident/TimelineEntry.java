package no.nhn.driftsvakt.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline.
 *
 * @param author   a staff member's name, an API client's name, or {@code driftsvakt} for automatic entries
 * @param kind     what happened: opened, evidence, recovered, confirmed, dismissed, update, priority, state,
 *                 resolved, closed, assigned (to a support group; internal)
 * @param isPublic shown to customers on driftsweb; internal notes are not
 */
public record TimelineEntry(Instant at, String author, String kind, boolean isPublic, String text,
                            IncidentState state) {
}

package no.nhn.driftsvakt.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange;

/**
 * What a monthly report is computed from, read for one month (ids only, no contact data).
 *
 * @param components the catalog's components, in catalog order
 * @param changes    per component, its status changes in time order: the last one before the month (if any) and
 *                   every one in it
 * @param incidents  the incidents opened in the month
 * @param problems   the problems opened or closed in the month
 * @param messages   the notification ledger's rows created in the month, counted by channel and state
 */
public record ReportInput(List<ComponentInfo> components, Map<String, List<StatusChange>> changes,
                          List<IncidentFact> incidents, List<ProblemFact> problems, List<MessageCount> messages) {

    public ReportInput {
        components = List.copyOf(components);
        changes = Map.copyOf(changes);
        incidents = List.copyOf(incidents);
        problems = List.copyOf(problems);
        messages = List.copyOf(messages);
    }

    /** A component as the catalog names it. */
    public record ComponentInfo(String id, String name, String category) {
    }

    /**
     * An incident's facts: states and priorities on the wire ({@code resolved}, {@code P2}); origin {@code signal}
     * (opened by monitoring) or {@code manual} (reported by staff, confirmed from the start).
     */
    public record IncidentFact(String id, String componentId, String priority, String state, String origin,
                               Instant openedAt, Instant confirmedAt, Instant resolvedAt) {
    }

    /** A problem's facts; {@code updatedAt} stands in for the closing time of one closed without a resolution. */
    public record ProblemFact(String id, String title, String state, Instant openedAt, Instant resolvedAt,
                              Instant updatedAt) {
    }

    /** How many ledger rows of one channel ended in one state. */
    public record MessageCount(String channel, String state, long count) {
    }
}

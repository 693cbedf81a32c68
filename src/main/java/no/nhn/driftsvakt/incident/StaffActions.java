package no.nhn.driftsvakt.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.catalog.SupportGroup;

/**
 * What staff can do to an incident. Pure; a move the lifecycle does not allow throws
 * {@link IllegalStateException} with a message fit for the person who tried.
 */
public final class StaffActions {

    private StaffActions() {
    }

    private static void require(Incident i, IncidentState next) {
        if (!i.state().canMoveTo(next)) {
            throw new IllegalStateException("Hendelsen er " + i.state().nb().toLowerCase() + " og kan ikke settes til "
                    + next.nb().toLowerCase() + " / The incident is " + i.state().wire() + " and cannot become "
                    + next.wire());
        }
    }

    public static IncidentEngine.Decision confirm(Incident i, String actor, String customerText, Instant at) {
        if (i.state() != IncidentState.SUSPECTED) {
            throw new IllegalStateException("Bare en mistenkt hendelse kan bekreftes; denne er " + i.state().nb()
                    .toLowerCase() + " / Only a suspected incident can be confirmed; this one is " + i.state().wire());
        }
        String text = customerText == null || customerText.isBlank() ? "Vi undersøker en feil. / We are investigating."
                : customerText;
        return decision(i.with(IncidentState.INVESTIGATING, i.failingSources(), i.priority(), i.urgency(), at),
                new TimelineEntry(at, actor, "confirmed", true, text, IncidentState.INVESTIGATING));
    }

    public static IncidentEngine.Decision dismiss(Incident i, String actor, String reason, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason");
        }
        require(i, IncidentState.DISMISSED);
        return decision(i.with(IncidentState.DISMISSED, i.failingSources(), i.priority(), i.urgency(), at),
                new TimelineEntry(at, actor, "dismissed", false, reason, IncidentState.DISMISSED));
    }

    /** A timeline update, optionally moving the state (identified, monitoring, ...). */
    public static IncidentEngine.Decision update(Incident i, String actor, String text, boolean isPublic,
                                                 IncidentState newState, Instant at) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text");
        }
        if (!i.state().isOpen() && i.state() != IncidentState.RESOLVED) {
            throw new IllegalStateException("Hendelsen er " + i.state().nb().toLowerCase()
                    + " / The incident is " + i.state().wire());
        }
        IncidentState s = newState == null ? i.state() : newState;
        if (s != i.state()) {
            require(i, s);
        }
        return decision(i.with(s, i.failingSources(), i.priority(), i.urgency(), at),
                new TimelineEntry(at, actor, s == i.state() ? "update" : "state", isPublic, text, s));
    }

    public static IncidentEngine.Decision priority(Incident i, String actor, Priority p, String reason, Instant at) {
        if (!i.state().isOpen()) {
            throw new IllegalStateException("Bare åpne hendelser kan prioriteres / Only open incidents take a priority");
        }
        Incident next = new Incident(i.id(), i.componentId(), i.title(), i.state(), p, i.impact(), i.urgency(),
                i.origin(), i.failingSources(), i.openedAt(), i.confirmedAt(), i.resolvedAt(), i.problemId(),
                i.version() + 1, at, i.assignee(), i.failingSince());
        return decision(next, new TimelineEntry(at, actor, "priority", false, i.priority() + " → " + p
                + (reason == null || reason.isBlank() ? "" : ": " + reason), i.state()));
    }

    public static IncidentEngine.Decision resolve(Incident i, String actor, String text, Instant at) {
        require(i, IncidentState.RESOLVED);
        String t = text == null || text.isBlank() ? "Feilen er rettet. / The issue is resolved." : text;
        return decision(i.with(IncidentState.RESOLVED, i.failingSources(), i.priority(), i.urgency(), at),
                new TimelineEntry(at, actor, "resolved", true, t, IncidentState.RESOLVED));
    }

    /**
     * Assigns an open incident to a support group — 2nd line, or on to 3rd line — with an internal timeline entry
     * (kind {@code assigned}) naming the group, its line, where it came from and the note. The group's contact is told
     * by the notification planner (once per incident and group), not here.
     *
     * @throws IllegalArgumentException naming {@code group} when the catalog has no such support group
     * @throws IllegalStateException    when the incident is not open or is already assigned to that group
     */
    public static IncidentEngine.Decision assign(Incident i, Catalog catalog, String groupId, String actor, String note,
                                                 Instant at) {
        SupportGroup to = catalog.supportGroup(groupId).orElseThrow(() -> new IllegalArgumentException("group"));
        if (!i.state().isOpen()) {
            throw new IllegalStateException("Bare åpne hendelser kan tildeles; denne er " + i.state().nb().toLowerCase()
                    + " / Only open incidents can be assigned; this one is " + i.state().wire());
        }
        if (to.id().equals(i.assignee())) {
            throw new IllegalStateException("Hendelsen er allerede tildelt " + to.name() + " / The incident is already "
                    + "assigned to " + to.name());
        }
        java.util.Optional<SupportGroup> from = catalog.supportGroup(i.assignee());
        boolean escalated = from.isPresent() && to.line() > from.get().line();
        String text;
        if (escalated) {
            text = "Eskalert til " + to.lineNb() + ": " + to.name() + " (fra " + from.get().name() + ") / Escalated to "
                    + to.lineEn() + ": " + to.name() + " (from " + from.get().name() + ")";
        } else {
            text = "Tildelt " + to.label() + " / Assigned to " + to.label()
                    + from.map(f -> "; før / before: " + f.label()).orElse("");
        }
        if (note != null && !note.isBlank()) {
            text += ". " + note.strip();
        }
        return decision(i.assignedTo(to.id(), at), new TimelineEntry(at, actor, "assigned", false, text, i.state()));
    }

    /** An incident reported by phone: confirmed at once, priority from the catalog unless given. */
    public static IncidentEngine.Decision manual(Catalog catalog, String componentId, String title, String text,
                                                 boolean major, Priority given, String actor, Instant at,
                                                 Supplier<String> newId) {
        Component c = catalog.component(componentId).orElseThrow(() -> new IllegalArgumentException("component"));
        Priority.Impact impact = ImpactAssessor.impact(catalog, c.id());
        Priority.Urgency urgency = major ? Priority.Urgency.HIGH : Priority.Urgency.MEDIUM;
        Incident i = new Incident(newId.get(), c.id(), title == null || title.isBlank() ? c.name() : title,
                IncidentState.INVESTIGATING, given != null ? given : Priority.of(impact, urgency), impact, urgency,
                "manual", Map.of(), at, at, null, null, 1, at, null, Map.of());
        return decision(i, new TimelineEntry(at, actor, "opened", true,
                text == null || text.isBlank() ? "Vi undersøker en feil. / We are investigating." : text,
                IncidentState.INVESTIGATING));
    }

    private static IncidentEngine.Decision decision(Incident i, TimelineEntry e) {
        return new IncidentEngine.Decision(java.util.Optional.of(i), List.of(e), null);
    }
}

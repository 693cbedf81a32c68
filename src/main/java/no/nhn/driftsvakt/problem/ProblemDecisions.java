package no.nhn.driftsvakt.problem;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.nhn.driftsvakt.correlation.ProblemGroup;

/**
 * What staff may decide about problems, shared by the API and the console. Pure. Edits change a problem's own fields
 * (state, root cause, workaround); merge, split and relink become pins (incident id → problem key) that the
 * correlator keeps. A decision that is not allowed throws {@link Refused}.
 */
public final class ProblemDecisions {

    private ProblemDecisions() {
    }

    /** Why a staff decision was refused. */
    public static final class Refused extends RuntimeException {

        /** What kind of refusal: the API answers 404, 400 and 409. */
        public enum Why { UNKNOWN, INVALID, NOT_ALLOWED }

        private final Why why;
        private final String field;

        public Refused(Why why, String field, String detail) {
            super(detail);
            this.why = why;
            this.field = field;
        }

        public Why why() {
            return why;
        }

        /** The request field (or {@code id}) the refusal is about. */
        public String field() {
            return field;
        }
    }

    /**
     * The problem with its own fields changed; {@code null} leaves a field as it is, a blank text clears it. Moving to
     * resolved stamps the time (once); moving back to an open state clears it.
     */
    public static Problem edit(Problem p, ProblemState state, String rootCause, String workaround,
                               Boolean workaroundPublic, Instant now) {
        Instant resolvedAt = state == ProblemState.RESOLVED && p.resolvedAt() == null ? now
                : state != null && state.isOpen() ? null : p.resolvedAt();
        return new Problem(p.id(), p.key(), p.kind(), state == null ? p.state() : state, p.title(), p.rootComponent(),
                p.rootSuspected(), p.rootIncidentId(), p.reason(), text(rootCause, p.rootCause()),
                text(workaround, p.workaround()), workaroundPublic == null ? p.workaroundPublic() : workaroundPublic,
                p.mergedInto(), p.incidentIds(), p.openedAt(), resolvedAt, p.version(), p.updatedAt());
    }

    private static String text(String given, String old) {
        return given == null ? old : given.isBlank() ? null : given;
    }

    /** Merging {@code from} into {@code into}: every incident of both is pinned to {@code into}'s key. */
    public static Map<String, String> merge(Problem from, Problem into) {
        if (from.id().equals(into.id())) {
            throw new Refused(Refused.Why.INVALID, "into", "a problem cannot be merged into itself");
        }
        if (from.kind() == ProblemGroup.Kind.RECURRING || into.kind() == ProblemGroup.Kind.RECURRING
                || into.state() == ProblemState.CLOSED || from.state() == ProblemState.CLOSED) {
            throw new Refused(Refused.Why.NOT_ALLOWED, "into", "recurring and closed problems cannot be merged; "
                    + "recurrence is counted per component");
        }
        Map<String, String> pins = new HashMap<>();
        from.incidentIds().forEach(i -> pins.put(i, into.key()));
        into.incidentIds().forEach(i -> pins.put(i, into.key()));
        return pins;
    }

    /** Splitting {@code incidents} out of {@code p} into a new problem with key {@code newKey}; the rest stay. */
    public static Map<String, String> split(Problem p, Collection<String> incidents, String newKey) {
        if (p.kind() == ProblemGroup.Kind.RECURRING || p.state() == ProblemState.CLOSED) {
            throw new Refused(Refused.Why.NOT_ALLOWED, "id", "recurring and closed problems cannot be split");
        }
        if (incidents == null || incidents.isEmpty() || !p.incidentIds().containsAll(incidents)) {
            throw new Refused(Refused.Why.INVALID, "incidents", "required: some of this problem's incidents "
                    + p.incidentIds());
        }
        Map<String, String> pins = new HashMap<>();
        p.incidentIds().forEach(i -> pins.put(i, incidents.contains(i) ? newKey : p.key()));
        return pins;
    }

    /**
     * Moving {@code incident} into {@code target}. The incident's other problems (open, not recurring) keep their
     * remaining incidents pinned, so they do not follow it.
     */
    public static Map<String, String> relink(Problem target, String incident, List<Problem> problemsOfIncident) {
        if (target.kind() == ProblemGroup.Kind.RECURRING || target.state() == ProblemState.CLOSED) {
            throw new Refused(Refused.Why.NOT_ALLOWED, "id", "incidents cannot be linked to recurring or closed "
                    + "problems");
        }
        Map<String, String> pins = new HashMap<>();
        for (Problem p : problemsOfIncident) {
            if (p.state() != ProblemState.CLOSED && p.kind() != ProblemGroup.Kind.RECURRING
                    && p.incidentIds().contains(incident) && !p.id().equals(target.id())) {
                p.incidentIds().forEach(i -> pins.put(i, p.key()));
            }
        }
        target.incidentIds().forEach(i -> pins.put(i, target.key()));
        pins.put(incident, target.key());
        return pins;
    }
}

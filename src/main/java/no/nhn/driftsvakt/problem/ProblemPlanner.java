package no.nhn.driftsvakt.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.correlation.ProblemGroup;

/**
 * Turns the correlator's groups into problem changes against what is stored. Pure. New groups become new
 * problems; changed groups a new version; a stored problem whose incidents moved into another group is closed
 * as merged into it. Automatic problems resolve when all their incidents are over and reopen if one comes back.
 */
public final class ProblemPlanner {

    private static final Set<String> OVER = Set.of("resolved", "closed", "dismissed");

    private ProblemPlanner() {
    }

    /**
     * @param existing       stored problems that are not closed, by key
     * @param incidentStates incident id → state (wire value)
     * @return the problems to save, each with its next version
     */
    public static List<Problem> plan(List<ProblemGroup> groups, Map<String, Problem> existing,
                                     Map<String, String> incidentStates, Catalog catalog, Instant now,
                                     Supplier<String> newId) {
        List<Problem> changes = new ArrayList<>();
        Map<String, String> problemOfIncident = new HashMap<>();
        for (ProblemGroup g : groups) {
            boolean allOver = g.incidentIds().stream().allMatch(i -> OVER.contains(incidentStates.getOrDefault(i, "")));
            boolean automatic = g.kind() != ProblemGroup.Kind.RECURRING;
            Problem e = existing.get(g.key());
            String title = title(g, catalog);
            Problem next;
            if (e == null) {
                ProblemState state = automatic && allOver ? ProblemState.RESOLVED : ProblemState.NEW;
                next = new Problem(newId.get(), g.key(), g.kind(), state, title, g.rootComponent(), g.rootSuspected(),
                        g.rootIncidentId(), g.reason(), null, null, false, null, g.incidentIds(), g.firstOpenedAt(),
                        state == ProblemState.RESOLVED ? now : null, 1, now);
                changes.add(next);
            } else if (e.state() == ProblemState.CLOSED && !comesBack(e, g, incidentStates)) {
                next = e; // closed, and nothing new: it stays closed
            } else {
                boolean reopened = e.state() == ProblemState.CLOSED;
                ProblemState state = reopened ? ProblemState.NEW : e.state();
                Instant resolvedAt = reopened ? null : e.resolvedAt();
                if (automatic && allOver && (state == ProblemState.NEW || state == ProblemState.ANALYSING)) {
                    state = ProblemState.RESOLVED;
                    resolvedAt = now;
                } else if (automatic && !allOver && state == ProblemState.RESOLVED) {
                    state = ProblemState.NEW;
                    resolvedAt = null;
                }
                next = new Problem(e.id(), e.key(), g.kind(), state, title, g.rootComponent(), g.rootSuspected(),
                        g.rootIncidentId(), g.reason(), e.rootCause(), e.workaround(), e.workaroundPublic(),
                        reopened ? null : e.mergedInto(), g.incidentIds(), e.openedAt(), resolvedAt, e.version(),
                        e.updatedAt());
                if (!sameContent(e, next)) {
                    next = bump(next, now);
                    changes.add(next);
                }
            }
            if (g.kind() != ProblemGroup.Kind.RECURRING) {
                for (String i : g.incidentIds()) {
                    problemOfIncident.put(i, next.id());
                }
            }
        }
        Set<String> produced = new java.util.HashSet<>();
        groups.forEach(g -> produced.add(g.key()));
        for (Problem e : existing.values()) {
            if (produced.contains(e.key()) || e.kind() == ProblemGroup.Kind.RECURRING
                    || e.state() == ProblemState.CLOSED) {
                continue;
            }
            String into = e.incidentIds().stream().map(problemOfIncident::get).filter(Objects::nonNull)
                    .filter(id -> !id.equals(e.id())).findFirst().orElse(null);
            if (into != null) {
                changes.add(bump(new Problem(e.id(), e.key(), e.kind(), ProblemState.CLOSED, e.title(),
                        e.rootComponent(), e.rootSuspected(), e.rootIncidentId(),
                        "Slått sammen med / Merged into " + into, e.rootCause(), e.workaround(), e.workaroundPublic(),
                        into, e.incidentIds(), e.openedAt(), e.resolvedAt(), e.version(), e.updatedAt()), now));
            }
        }
        return changes;
    }

    /**
     * A closed problem comes back when its group was merged away and is produced again, or when the group now has
     * an open incident the problem did not have.
     */
    private static boolean comesBack(Problem closed, ProblemGroup g, Map<String, String> incidentStates) {
        if (closed.mergedInto() != null) {
            return true;
        }
        return g.incidentIds().stream().anyMatch(i -> !closed.incidentIds().contains(i)
                && !OVER.contains(incidentStates.getOrDefault(i, "")));
    }

    static String title(ProblemGroup g, Catalog catalog) {
        String root = g.rootComponent() == null ? null
                : catalog.component(g.rootComponent()).map(Component::name).orElse(g.rootComponent());
        int n = g.incidentIds().size();
        return switch (g.kind()) {
            case RECURRING -> "Gjentatte feil i " + root + " / Recurring failures in " + root;
            default -> root == null ? "Samtidige feil, " + n + " hendelser / Simultaneous failures, " + n + " incidents"
                    : (g.rootSuspected() ? "Mistenkt feil i " : "Feil i ") + root + ", " + n
                    + " hendelser / " + (g.rootSuspected() ? "Suspected failure in " : "Failure in ") + root + ", "
                    + n + " incidents";
        };
    }

    private static boolean sameContent(Problem a, Problem b) {
        return a.kind() == b.kind() && a.state() == b.state() && Objects.equals(a.title(), b.title())
                && Objects.equals(a.rootComponent(), b.rootComponent()) && a.rootSuspected() == b.rootSuspected()
                && Objects.equals(a.rootIncidentId(), b.rootIncidentId()) && Objects.equals(a.reason(), b.reason())
                && a.incidentIds().equals(b.incidentIds()) && Objects.equals(a.resolvedAt(), b.resolvedAt());
    }

    static Problem bump(Problem p, Instant now) {
        return new Problem(p.id(), p.key(), p.kind(), p.state(), p.title(), p.rootComponent(), p.rootSuspected(),
                p.rootIncidentId(), p.reason(), p.rootCause(), p.workaround(), p.workaroundPublic(), p.mergedInto(),
                p.incidentIds(), p.openedAt(), p.resolvedAt(), p.version() + 1, now);
    }
}

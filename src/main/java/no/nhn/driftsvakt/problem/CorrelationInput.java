package no.nhn.driftsvakt.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.nhn.driftsvakt.correlation.IncidentFacts;

/**
 * The correlator's input kept between runs: incidents (facts and state) and the problems that are not closed, brought
 * up to date from what changed since the last run instead of read whole on every run. In a storm a run would
 * otherwise read tens of thousands of incidents and every open problem with all its links, to find the few that
 * changed.
 *
 * <p>{@link #select} answers exactly what {@link ProblemStore#incidentFacts} would read from the database: the
 * incidents opened since {@code recent}, the open ones, those in a problem that is not closed, and those opened since
 * {@code period} on a component with at least {@code count} non-dismissed incidents since then. To count those it keeps
 * every incident opened within the period, and whatever else may still be selected; the rest it forgets. A forgotten
 * incident can only be selected again after it changes (an incident event: {@link #incidentsChanged}) or a problem
 * that is not closed takes it in (a problem event: {@link #problemsChanged} says which incidents to read).
 *
 * <p>No framework code, no I/O: {@code ProblemService} reads the changes and feeds them in, under the correlator's
 * lock. Not thread-safe.
 */
final class CorrelationInput {

    private static final Set<String> OPEN = Set.of("suspected", "investigating", "identified", "monitoring");

    private final Map<String, IncidentFacts> facts = new HashMap<>();
    private final Map<String, String> states = new HashMap<>();
    /** Problems that are not closed, by key; and problem id → key for the same problems. */
    private final Map<String, Problem> open = new HashMap<>();
    private final Map<String, String> keyOfId = new HashMap<>();
    private boolean loaded;
    private Instant cursor;

    boolean loaded() {
        return loaded;
    }

    /** Where the next refresh starts reading changes (an outbox horizon, by the database's clock). */
    Instant cursor() {
        return cursor;
    }

    /** Forgets everything: the next run reads its input whole. */
    void clear() {
        facts.clear();
        states.clear();
        open.clear();
        keyOfId.clear();
        loaded = false;
        cursor = null;
    }

    /**
     * Starts from a whole read: at least every incident {@link #select} may pick (for counting recurrence: every one
     * opened within the period), their states, and every problem that is not closed. Returns the incidents of those
     * problems that the read did not bring (a problem staff reopened between the two reads): read them and pass them
     * to {@link #incidentsChanged}.
     */
    Set<String> load(Collection<IncidentFacts> incidents, Map<String, String> incidentStates,
                     Collection<Problem> notClosed, Instant horizon) {
        clear();
        incidentsChanged(incidents, incidentStates);
        Set<String> unknown = problemsChanged(notClosed);
        loaded = true;
        cursor = horizon;
        return unknown;
    }

    /**
     * Takes over what {@code whole} holds: a whole read made outside the correlator's lock (so a run need not wait
     * for it), which the next refresh brings up to date from its horizon on, like any other.
     */
    void takeFrom(CorrelationInput whole) {
        clear();
        facts.putAll(whole.facts);
        states.putAll(whole.states);
        open.putAll(whole.open);
        keyOfId.putAll(whole.keyOfId);
        loaded = whole.loaded;
        cursor = whole.cursor;
    }

    /** The next refresh reads changes from {@code horizon} on. */
    void advance(Instant horizon) {
        cursor = horizon;
    }

    /** Incidents as they are now (a version lower than the one known is ignored). */
    void incidentsChanged(Collection<IncidentFacts> incidents, Map<String, String> incidentStates) {
        for (IncidentFacts f : incidents) {
            IncidentFacts known = facts.get(f.id());
            if (known == null || known.version() <= f.version()) {
                facts.put(f.id(), f);
                states.put(f.id(), incidentStates.get(f.id()));
            }
        }
    }

    /** Whether this input holds problem {@code id} (not closed) at this version. */
    boolean knows(String id, int version) {
        String key = keyOfId.get(id);
        return key != null && open.get(key).version() == version;
    }

    /**
     * Problems as they are now, changed by any replica or by staff. Returns the incidents of those not closed that
     * this input does not know (e.g. of a closed problem staff reopened): read them and pass them to
     * {@link #incidentsChanged}.
     */
    Set<String> problemsChanged(Collection<Problem> problems) {
        Set<String> unknown = new HashSet<>();
        for (Problem p : problems) {
            String oldKey = keyOfId.remove(p.id());
            if (oldKey != null) {
                open.remove(oldKey);
            }
            if (p.state() != ProblemState.CLOSED) {
                open.put(p.key(), p);
                keyOfId.put(p.id(), p.key());
                p.incidentIds().stream().filter(i -> !facts.containsKey(i)).forEach(unknown::add);
            }
        }
        return unknown;
    }

    /** The problems that are not closed, by key. */
    Map<String, Problem> notClosed() {
        return open;
    }

    /** What {@link #select} picked: the facts, and the state of each of them. */
    record Selection(List<IncidentFacts> facts, Map<String, String> states) {
    }

    /**
     * The incidents a run looks at, as {@link ProblemStore#incidentFacts} defines them; forgets those that can no longer
     * be picked without changing first.
     */
    Selection select(Instant recent, Instant period, int count) {
        Set<String> inProblems = new HashSet<>();
        open.values().forEach(p -> inProblems.addAll(p.incidentIds()));
        Map<String, Integer> perComponent = new HashMap<>();
        for (IncidentFacts f : facts.values()) {
            if (!f.openedAt().isBefore(period) && !f.dismissed()) {
                perComponent.merge(f.componentId(), 1, Integer::sum);
            }
        }
        List<IncidentFacts> out = new ArrayList<>();
        Map<String, String> outStates = new HashMap<>();
        for (Iterator<IncidentFacts> it = facts.values().iterator(); it.hasNext(); ) {
            IncidentFacts f = it.next();
            String state = states.get(f.id());
            boolean isOpen = OPEN.contains(state);
            boolean inProblem = inProblems.contains(f.id());
            boolean sinceRecent = !f.openedAt().isBefore(recent);
            boolean sincePeriod = !f.openedAt().isBefore(period);
            if (sinceRecent || isOpen || inProblem
                    || (sincePeriod && perComponent.getOrDefault(f.componentId(), 0) >= count)) {
                out.add(f);
                outStates.put(f.id(), state);
            } else if (!sincePeriod) {
                it.remove(); // older than both bounds, over and in no open problem: picked again only after a change
                states.remove(f.id());
            }
        }
        return new Selection(out, outStates);
    }

    /** How many incidents this input holds (selected or kept for counting). */
    int size() {
        return facts.size();
    }
}

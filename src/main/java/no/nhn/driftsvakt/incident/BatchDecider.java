package no.nhn.driftsvakt.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.signal.Signal;

/**
 * Decides a batch of signals in order ({@link IncidentEngine#onSignal} for each), keeping each component's open and
 * dismissed incident as the batch changes them. Pure: the caller reads the starting state and stores the result.
 *
 * <p>A signal is <b>stale</b>, and changes nothing, when it is older ({@code at}) than the newest signal of the same
 * source (component and source key) that changed an incident: its source has said something newer since, which
 * counts, as for status ({@code StatusProjector}). This also makes a late repeat of a signal harmless: a repeated
 * "down" after the "up" that followed it, or a repeated "up" after the "down" that followed it. So only signals that
 * change something need their id recorded ({@code processed_signal}); the many repeats of a storm need no row.
 */
final class BatchDecider {

    private BatchDecider() {
    }

    /** A source of one component: the key of the source's high-water mark. */
    record Source(String component, String sourceKey) {
        static Source of(Signal s) {
            return new Source(s.component(), s.sourceKey());
        }
    }

    /**
     * What a batch decided.
     *
     * @param changes  the incidents to store with their new timeline entries, in decision order
     * @param outcomes one per signal, in order: what it decided, "skipped" (not for the engine, or a repeat) or "stale"
     * @param changing the ids of the signals that changed an incident
     * @param marks    the sources' high-water marks the batch raised (to store)
     * @param opened   the outcome of each change (OPENED, AUTO_RESOLVED, ...), parallel to {@code changes}
     */
    record Result(List<IncidentStore.Change> changes, List<String> outcomes, Set<String> changing,
                  Map<Source, Instant> marks, List<IncidentEngine.Outcome> opened) {
    }

    /**
     * @param forEngine which signals the engine decides at all (others are "skipped")
     * @param skip      ids to skip: signals that changed something when they were first decided (a repeat)
     * @param open      each component's open incident (copied, not changed)
     * @param dismissed each component's latest dismissed incident still tracking a failure (copied)
     * @param marks     each source's high-water mark as stored (copied)
     */
    static Result decide(List<Signal> signals, Predicate<Signal> forEngine, Set<String> skip,
                         Map<String, Incident> open, Map<String, Incident> dismissed, Map<Source, Instant> marks,
                         Catalog catalog, Supplier<String> newId) {
        Map<String, Incident> openNow = new HashMap<>(open);
        Map<String, Incident> dismissedNow = new HashMap<>(dismissed);
        Map<Source, Instant> marksNow = new HashMap<>(marks);
        Map<Source, Instant> raised = new HashMap<>();
        Set<String> done = new HashSet<>();
        List<IncidentStore.Change> changes = new ArrayList<>();
        List<IncidentEngine.Outcome> changeOutcomes = new ArrayList<>();
        List<String> outcomes = new ArrayList<>(signals.size());
        Set<String> changing = new HashSet<>();
        for (Signal s : signals) {
            if (!forEngine.test(s) || skip.contains(s.id()) || !done.add(s.id())) {
                outcomes.add("skipped");
                continue;
            }
            Source source = Source.of(s);
            Instant mark = marksNow.get(source);
            if (mark != null && s.at().isBefore(mark)) {
                outcomes.add("stale");
                continue;
            }
            IncidentEngine.Decision d = IncidentEngine.onSignal(Optional.ofNullable(openNow.get(s.component())),
                    Optional.ofNullable(openNow.containsKey(s.component()) ? null : dismissedNow.get(s.component())),
                    s, catalog, newId);
            outcomes.add(d.outcome().name().toLowerCase());
            if (d.incident().isEmpty()) {
                continue;
            }
            Incident saved = d.incident().get();
            changes.add(new IncidentStore.Change(saved, d.timeline()));
            changeOutcomes.add(d.outcome());
            changing.add(s.id());
            marksNow.put(source, s.at());
            raised.put(source, s.at());
            if (saved.state().isOpen()) {
                openNow.put(saved.componentId(), saved);
            } else {
                Incident was = openNow.get(saved.componentId());
                if (was != null && was.id().equals(saved.id())) {
                    openNow.remove(saved.componentId());
                }
                if (saved.isActive()) {
                    dismissedNow.put(saved.componentId(), saved);
                } else if (dismissedNow.containsKey(saved.componentId())
                        && dismissedNow.get(saved.componentId()).id().equals(saved.id())) {
                    dismissedNow.remove(saved.componentId());
                }
            }
        }
        return new Result(changes, outcomes, changing, raised, changeOutcomes);
    }
}

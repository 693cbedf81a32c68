package no.nhn.driftsvakt.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * What a signal does to a component's incidents. Pure: the active incident (if any), the signal and the
 * catalog come in; the changed or new incident and its timeline come out, with the reason.
 *
 * <p>A component's signals arrive in the order they were written to its partition, which is not always the order in
 * which they were observed: two Alertmanagers, a retry, a monitor's queue. A signal dated before the signal that made
 * its source failing in the incident, or made it worse ({@link Incident#failingSince()}), is stale: an {@code up} from
 * before the failure does not resolve it, and an older {@code down} does not make it worse. Status has a like rule,
 * measured from every change of the source's state (docs/delivery-semantics.md). A dismissed incident's failure is
 * ended by any {@code up} from its source.
 */
public final class IncidentEngine {

    /** Why the engine did what it did; a tag on the decisions metric. */
    public enum Outcome {
        OPENED, EVIDENCE_ADDED, ESCALATED, SOURCE_RECOVERED, AUTO_RESOLVED, ALL_RECOVERED_AWAITING_STAFF,
        DISMISSED_FAILURE_GOES_ON, DISMISSED_FAILURE_OVER, ALREADY_KNOWN, UP_WITHOUT_INCIDENT,
        /** Dated before the signal that made its source failing in the incident: it arrived late, and says nothing new. */
        STALE
    }

    /** The incident to store (empty: nothing changes) and what to add to its timeline. */
    public record Decision(Optional<Incident> incident, List<TimelineEntry> timeline, Outcome outcome) {
        static Decision none(Outcome o) {
            return new Decision(Optional.empty(), List.of(), o);
        }
    }

    static final String SYSTEM = "driftsvakt";

    private IncidentEngine() {
    }

    /**
     * @param open      the component's open incident, if any
     * @param dismissed the component's latest dismissed incident whose failure still goes on, if any
     */
    public static Decision onSignal(Optional<Incident> open, Optional<Incident> dismissed, Signal s, Catalog catalog,
                                    Supplier<String> newId) {
        Component component = catalog.component(s.component()).orElseThrow();
        String summary = s.summary() == null || s.summary().isBlank() ? s.state().wire() : s.summary();
        if (s.state() == SignalState.UP) {
            if (open.isPresent() && open.get().failingSources().containsKey(s.sourceKey())) {
                return stale(open.get(), s) ? Decision.none(Outcome.STALE) : recovered(open.get(), s, component);
            }
            if (dismissed.isPresent() && dismissed.get().failingSources().containsKey(s.sourceKey())) {
                // Not judged stale: a dismissed failure holds back new incidents from its sources, so ending it early
                // errs on the side of seeing the next failure.
                Map<String, String> left = new HashMap<>(dismissed.get().failingSources());
                left.remove(s.sourceKey());
                Incident d = dismissed.get();
                return new Decision(Optional.of(d.with(d.state(), left, d.priority(), d.urgency(), s.at())),
                        List.of(), Outcome.DISMISSED_FAILURE_OVER);
            }
            return Decision.none(Outcome.UP_WITHOUT_INCIDENT);
        }
        Priority.Urgency urgency = s.state() == SignalState.DOWN ? Priority.Urgency.HIGH : Priority.Urgency.MEDIUM;
        if (open.isPresent()) {
            Incident i = open.get();
            boolean known = i.failingSources().containsKey(s.sourceKey());
            if (known && stale(i, s)) {
                return Decision.none(Outcome.STALE);
            }
            boolean escalates = urgency == Priority.Urgency.HIGH && i.urgency() == Priority.Urgency.MEDIUM;
            if (known && !escalates) {
                return Decision.none(Outcome.ALREADY_KNOWN);
            }
            Map<String, String> sources = new HashMap<>(i.failingSources());
            sources.put(s.sourceKey(), summary);
            Priority.Urgency u = escalates ? urgency : i.urgency();
            Priority p = escalates ? higher(i.priority(), Priority.of(i.impact(), u)) : i.priority();
            String text = (escalates ? "Forverret / Worse: " : "Mer: ") + summary + " (" + s.source() + ")";
            return new Decision(Optional.of(i.with(i.state(), sources, p, u, s.at()).withFailingSince(s.sourceKey(),
                    s.at())), List.of(new TimelineEntry(s.at(), SYSTEM, escalates ? "escalated" : "evidence", false, text,
                            i.state())), escalates ? Outcome.ESCALATED : Outcome.EVIDENCE_ADDED);
        }
        if (dismissed.isPresent() && dismissed.get().failingSources().containsKey(s.sourceKey())) {
            return Decision.none(Outcome.DISMISSED_FAILURE_GOES_ON);
        }
        Priority.Impact impact = ImpactAssessor.impact(catalog, component.id());
        Incident created = new Incident(newId.get(), component.id(), component.name() + ": " + summary,
                IncidentState.SUSPECTED, Priority.of(impact, urgency), impact, urgency, "signal",
                Map.of(s.sourceKey(), summary), s.at(), null, null, null, 1, s.at(), null, Map.of(s.sourceKey(), s.at()));
        return new Decision(Optional.of(created), List.of(new TimelineEntry(s.at(), SYSTEM, "opened", false,
                "Mistenkt feil / Suspected failure: " + summary + " (" + s.source() + ")", IncidentState.SUSPECTED)),
                Outcome.OPENED);
    }

    /** Dated before the signal that made its source failing in {@code i}. */
    private static boolean stale(Incident i, Signal s) {
        Instant since = i.failingSince().get(s.sourceKey());
        return since != null && s.at().isBefore(since);
    }

    private static Decision recovered(Incident i, Signal s, Component component) {
        Map<String, String> left = new HashMap<>(i.failingSources());
        left.remove(s.sourceKey());
        if (!left.isEmpty()) {
            return new Decision(Optional.of(i.with(i.state(), left, i.priority(), i.urgency(), s.at())),
                    List.of(new TimelineEntry(s.at(), SYSTEM, "recovered", false, "Kilde frisk igjen / Source recovered: "
                            + s.sourceKey(), i.state())), Outcome.SOURCE_RECOVERED);
        }
        if (component.autoResolve() && i.origin().equals("signal")) {
            return new Decision(Optional.of(i.with(IncidentState.RESOLVED, left, i.priority(), i.urgency(), s.at())),
                    List.of(new TimelineEntry(s.at(), SYSTEM, "resolved", true,
                            "Tjenesten fungerer igjen. / The service is working again.", IncidentState.RESOLVED)),
                    Outcome.AUTO_RESOLVED);
        }
        return new Decision(Optional.of(i.with(i.state(), left, i.priority(), i.urgency(), s.at())),
                List.of(new TimelineEntry(s.at(), SYSTEM, "recovered", false,
                        "Alle kilder friske; venter på løsning fra vakt / All sources recovered; awaiting staff",
                        i.state())), Outcome.ALL_RECOVERED_AWAITING_STAFF);
    }

    private static Priority higher(Priority a, Priority b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}

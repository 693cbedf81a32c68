package no.nhn.driftsvakt.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.correlation.IncidentFacts;
import no.nhn.driftsvakt.correlation.ProblemGroup;

/**
 * The correlator's incremental input must select exactly what reading it whole would (the four rules of
 * {@link ProblemStore#incidentFacts}), whatever happened in between: incidents opening (also late, with an old
 * opening time), resolving, being dismissed, reopening and closing; problems taking incidents in and letting them go,
 * closing, and staff reopening a closed one whose incidents the input had forgotten; time passing beyond the window
 * and the recurrence period. A model of the database is changed at random; the input sees only the changes, as the
 * service reads them from the outbox, and is compared with a brute-force selection over the whole model after each
 * step.
 */
class CorrelationInputTest {

    private static final List<String> OPEN = List.of("suspected", "investigating", "identified", "monitoring");
    private static final Duration RECENT = Duration.ofMinutes(20);

    private record Inc(String id, String component, Instant openedAt, Instant resolvedAt, String state, int version) {
        IncidentFacts facts() {
            return new IncidentFacts(id, component, openedAt, resolvedAt, state.equals("dismissed"), version);
        }
    }

    /** The database, as the model sees it. */
    private final Map<String, Inc> incidents = new LinkedHashMap<>();
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    @Test
    void selectsWhatAWholeReadWouldAfterEveryStepOfRandomHistories() {
        for (long seed = 1; seed <= 60; seed++) {
            run(new Random(seed), seed % 3 == 0 ? Duration.ofMinutes(10) : Duration.ofHours(3));
        }
    }

    private void run(Random rnd, Duration periodLength) {
        incidents.clear();
        problems.clear();
        CorrelationInput input = new CorrelationInput();
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        input.load(List.of(), Map.of(), List.of(), now);
        int next = 1;
        int selectedAtMost = 0;
        for (int step = 0; step < 300; step++) {
            if (step % 25 == 10) { // a whole read in the background, taken over before this step's changes
                CorrelationInput whole = new CorrelationInput();
                Instant keepSince = now.minus(RECENT).isBefore(now.minus(periodLength)) ? now.minus(RECENT)
                        : now.minus(periodLength);
                Set<String> ids = new HashSet<>();
                incidents.values().stream().filter(i -> !i.openedAt().isBefore(keepSince) || OPEN.contains(i.state()))
                        .forEach(i -> ids.add(i.id()));
                List<Problem> notClosed = problems.values().stream().filter(p -> p.state() != ProblemState.CLOSED)
                        .toList();
                notClosed.forEach(p -> ids.addAll(p.incidentIds()));
                assertEquals(Set.of(), whole.load(ids.stream().map(incidents::get).map(Inc::facts).toList(),
                        statesOf(ids), notClosed, now), "the whole read brought every incident of its problems");
                input.takeFrom(whole);
            }
            Set<String> changedIncidents = new HashSet<>();
            Set<String> changedProblems = new HashSet<>();
            for (int k = rnd.nextInt(4); k >= 0; k--) {
                int op = rnd.nextInt(10);
                List<Inc> all = new ArrayList<>(incidents.values());
                if (op <= 2 || all.isEmpty()) { // a new incident, now or (late signal) up to an hour ago
                    Instant opened = rnd.nextInt(5) == 0 ? now.minusSeconds(rnd.nextInt(3600)) : now;
                    Inc i = new Inc(String.format("INC-%04d", next++), "c" + rnd.nextInt(4), opened, null,
                            OPEN.get(rnd.nextInt(OPEN.size())), 1);
                    incidents.put(i.id(), i);
                    changedIncidents.add(i.id());
                } else if (op <= 5) { // an incident changes state: any state to any
                    Inc i = all.get(rnd.nextInt(all.size()));
                    String state = List.of("suspected", "monitoring", "resolved", "resolved", "closed", "dismissed")
                            .get(rnd.nextInt(6));
                    Inc changed = new Inc(i.id(), i.component(), i.openedAt(),
                            OPEN.contains(state) ? null : now, state, i.version() + 1);
                    incidents.put(i.id(), changed);
                    changedIncidents.add(i.id());
                } else if (op <= 7 || problems.isEmpty()) { // a problem takes in incidents (new or existing one)
                    List<String> ids = new ArrayList<>();
                    for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
                        ids.add(all.get(rnd.nextInt(all.size())).id());
                    }
                    Problem p = problems.isEmpty() || rnd.nextBoolean() ? null
                            : new ArrayList<>(problems.values()).get(rnd.nextInt(problems.size()));
                    String id = p == null ? "PRB-" + next++ : p.id();
                    ProblemState state = p == null ? ProblemState.NEW : p.state();
                    int version = p == null ? 1 : p.version() + 1;
                    problems.put(id, problem(id, state, ids.stream().distinct().sorted().toList(), version));
                    changedProblems.add(id);
                } else { // a problem closes, or staff reopen a closed one
                    Problem p = new ArrayList<>(problems.values()).get(rnd.nextInt(problems.size()));
                    ProblemState state = p.state() == ProblemState.CLOSED ? ProblemState.NEW : ProblemState.CLOSED;
                    problems.put(p.id(), problem(p.id(), state, p.incidentIds(), p.version() + 1));
                    changedProblems.add(p.id());
                }
            }
            // What the service reads: the changed incidents, the changed problems, the incidents it did not know
            input.incidentsChanged(changedIncidents.stream().map(incidents::get).map(Inc::facts).toList(),
                    statesOf(changedIncidents));
            Set<String> unknown = input.problemsChanged(changedProblems.stream().map(problems::get).toList());
            input.incidentsChanged(unknown.stream().map(incidents::get).map(Inc::facts).toList(), statesOf(unknown));

            Instant recent = now.minus(RECENT);
            Instant period = now.minus(periodLength);
            CorrelationInput.Selection got = input.select(recent, period, 3);
            Map<String, IncidentFacts> expected = wholeRead(recent, period, 3);
            assertEquals(expected.keySet(), ids(got.facts()), "selected incidents at step " + step);
            assertEquals(new HashSet<>(expected.values()), new HashSet<>(got.facts()), "their facts at step " + step);
            for (IncidentFacts f : got.facts()) {
                assertEquals(incidents.get(f.id()).state(), got.states().get(f.id()), "state of " + f.id());
            }
            Map<String, Problem> notClosed = new HashMap<>();
            problems.values().stream().filter(p -> p.state() != ProblemState.CLOSED).forEach(p -> notClosed.put(p.key(), p));
            assertEquals(notClosed, input.notClosed(), "problems not closed at step " + step);
            assertTrue(input.size() <= incidents.size());
            selectedAtMost = Math.max(selectedAtMost, got.facts().size());
            now = now.plusSeconds(30 + rnd.nextInt(600));
        }
        assertTrue(selectedAtMost > 5, "the histories select something");
    }

    @Test
    void forgetsWhatCanNoLongerBeSelectedWithoutAChange() {
        CorrelationInput input = new CorrelationInput();
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        IncidentFacts old = new IncidentFacts("INC-1", "c", t, t.plusSeconds(60), false, 2);
        input.load(List.of(old), Map.of("INC-1", "resolved"), List.of(), t);
        Instant later = t.plus(Duration.ofDays(8));
        assertEquals(List.of(), input.select(later.minus(RECENT), later.minus(Duration.ofDays(7)), 3).facts());
        assertEquals(0, input.size(), "older than the window and the period, over and in no problem");
        // a problem staff reopen takes it in again: the input asks for it
        assertEquals(Set.of("INC-1"), input.problemsChanged(List.of(problem("PRB-1", ProblemState.NEW,
                List.of("INC-1"), 3))));
    }

    @Test
    void aWholeReadNamesTheIncidentsOfProblemsItDidNotBring() {
        CorrelationInput input = new CorrelationInput();
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        IncidentFacts known = new IncidentFacts("INC-1", "c", t, null, false, 1);
        // staff reopened PRB-1 between the two statements of the whole read: INC-2 is not among the incidents read
        assertEquals(Set.of("INC-2"), input.load(List.of(known), Map.of("INC-1", "suspected"),
                List.of(problem("PRB-1", ProblemState.NEW, List.of("INC-1", "INC-2"), 4)), t));
    }

    private static Problem problem(String id, ProblemState state, List<String> incidentIds, int version) {
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        return new Problem(id, "problem:" + id, ProblemGroup.Kind.TOPOLOGY, state, "t", null, false, null, "r", null,
                null, false, null, incidentIds, t, null, version, t);
    }

    private Map<String, String> statesOf(Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        ids.forEach(i -> out.put(i, incidents.get(i).state()));
        return out;
    }

    /** {@link ProblemStore#incidentFacts}'s four rules, over the whole model. */
    private Map<String, IncidentFacts> wholeRead(Instant recent, Instant period, int count) {
        Set<String> inOpenProblems = new HashSet<>();
        problems.values().stream().filter(p -> p.state() != ProblemState.CLOSED)
                .forEach(p -> inOpenProblems.addAll(p.incidentIds()));
        Map<String, Integer> perComponent = new HashMap<>();
        incidents.values().stream().filter(i -> !i.openedAt().isBefore(period) && !i.state().equals("dismissed"))
                .forEach(i -> perComponent.merge(i.component(), 1, Integer::sum));
        Map<String, IncidentFacts> out = new HashMap<>();
        for (Inc i : incidents.values()) {
            if (!i.openedAt().isBefore(recent) || OPEN.contains(i.state()) || inOpenProblems.contains(i.id())
                    || (!i.openedAt().isBefore(period) && perComponent.getOrDefault(i.component(), 0) >= count)) {
                out.put(i.id(), i.facts());
            }
        }
        return out;
    }

    private static Set<String> ids(List<IncidentFacts> facts) {
        Set<String> out = new HashSet<>();
        facts.forEach(f -> out.add(f.id()));
        return out;
    }
}

package no.nhn.driftsvakt.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.incident.IncidentStore;
import no.nhn.driftsvakt.incident.StaffActions;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * The correlator reads between its whole reads only what changed (outbox events since its last horizon). Against the
 * real PostgreSQL, after each of a random series of changes (failures and recoveries on eng-c and eng-d, also late
 * ones; staff dismissing incidents, closing problems and reopening them), its input must equal a whole read
 * ({@link ProblemService#inputDifferences}), and the problems it keeps must equal the stored ones.
 */
@QuarkusTest
class CorrelationInputIT {

    @Inject
    ProblemService problems;

    @Inject
    ProblemStore problemStore;

    @Inject
    IncidentService incidents;

    @Inject
    IncidentStore incidentStore;

    @Test
    void theInputKeptBetweenRunsEqualsAWholeReadAfterEveryChange() throws Exception {
        Random rnd = new Random(11);
        String run = UUID.randomUUID().toString();
        Instant started = Instant.now();
        problems.correlate();
        int closed = 0;
        int reopened = 0;
        int dismissed = 0;
        for (int step = 0; step < 40; step++) {
            int op = rnd.nextInt(10);
            List<Incident> mine = mine(started);
            List<Problem> theirs = problemsOf(mine);
            if (op <= 4 || mine.isEmpty()) {
                String component = rnd.nextBoolean() ? "eng-c" : "eng-d";
                SignalState state = rnd.nextInt(3) == 0 ? SignalState.UP : SignalState.DOWN;
                // Some failures reported late (opened in the past); an up dated before its failure would be stale
                boolean late = rnd.nextInt(4) == 0;
                Instant at = late && state == SignalState.DOWN ? Instant.now().minusSeconds(120) : Instant.now();
                incidents.applySignals(List.of(new Signal(run + "-" + step, "input-it", component, state, "x", null,
                        at, null)));
            } else if (op <= 6 && mine.stream().anyMatch(i -> i.state().isOpen())) {
                List<Incident> open = mine.stream().filter(i -> i.state().isOpen()).toList();
                incidents.act(open.get(rnd.nextInt(open.size())).id(),
                        x -> StaffActions.dismiss(x, "test", "false alarm", Instant.now()));
                dismissed++;
            } else if (!theirs.isEmpty()) {
                Problem p = theirs.get(rnd.nextInt(theirs.size()));
                boolean close = p.state() != ProblemState.CLOSED;
                problems.edit(p.id(), close ? ProblemState.CLOSED : ProblemState.NEW, null, null, null);
                if (close) {
                    closed++;
                } else {
                    reopened++;
                }
            }
            if (step % 7 == 3) {
                problems.readWholeInput(); // as in the background: the next run takes it over
            }
            if (rnd.nextBoolean()) {
                problems.correlate(); // otherwise the check's own refresh reads the change first
            }
            assertNoDifference("step " + step);
        }
        // Leave nothing failing for other tests
        for (String component : List.of("eng-c", "eng-d")) {
            incidents.applySignals(List.of(new Signal(run + "-up-" + component, "input-it", component, SignalState.UP,
                    "x", null, Instant.now(), null)));
        }
        problems.correlate();
        assertNoDifference("after the recoveries");
        assertTrue(mine(started).size() >= 5, "the series opened incidents: " + mine(started).size());
        assertTrue(dismissed > 0 && closed > 0 && reopened > 0,
                "it dismissed, closed and reopened: " + dismissed + ", " + closed + ", " + reopened);
        assertFalse(problemsOf(mine(started)).isEmpty(), "the correlator made problems of them");
    }

    /**
     * A difference must not last: one seen once may be a change committed between the check's two reads (the
     * background consumers of other tests may still be writing), one that a change was missed stays.
     */
    private void assertNoDifference(String when) throws Exception {
        Set<String> diff = problems.inputDifferences();
        for (int attempt = 0; attempt < 3 && !diff.isEmpty(); attempt++) {
            Thread.sleep(300);
            diff = problems.inputDifferences();
        }
        assertEquals(Set.of(), diff, "the correlator's kept input differs from a whole read " + when);
    }

    private List<Incident> mine(Instant since) throws Exception {
        List<Incident> out = new ArrayList<>();
        for (String component : List.of("eng-c", "eng-d")) {
            out.addAll(incidents.list(null, component, since.minusSeconds(600), 1000));
        }
        return out;
    }

    private List<Problem> problemsOf(List<Incident> mine) throws Exception {
        java.util.Map<String, Problem> out = new java.util.TreeMap<>();
        try (Connection c = problemStore.connection()) {
            for (Incident i : mine) {
                problemStore.withIncident(c, i.id()).forEach(p -> out.put(p.id(), p));
            }
        }
        return new ArrayList<>(out.values());
    }
}

package no.nhn.driftsvakt.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import no.nhn.driftsvakt.incident.Incident;
import no.nhn.driftsvakt.incident.IncidentEngine;
import no.nhn.driftsvakt.incident.IncidentState;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * Table-driven, from the catalog and signals to problems: the signals go through the incident engine as the incident
 * consumer applies them (a component's signals in order, a redelivered id once, no dismissals here), and the
 * incidents that come out through the correlator, once at the end. The same NHN-like catalog as
 * {@link CorrelatorTest}.
 */
class SignalsToProblemsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** A monitor's signal, {@code minute} minutes after T0; its id is fixed by what it says and when. */
    static Signal sig(String component, SignalState state, int minute) {
        return sig("nagios", component, state, minute);
    }

    static Signal sig(String source, String component, SignalState state, int minute) {
        return new Signal(source + ":" + component + ":" + state.wire() + ":" + minute, source, component, state,
                component + " " + state.wire(), Map.of(), T0.plus(Duration.ofMinutes(minute)), source + ":" + component);
    }

    static Signal down(String component, int minute) {
        return sig(component, SignalState.DOWN, minute);
    }

    static Signal up(String component, int minute) {
        return sig(component, SignalState.UP, minute);
    }

    /**
     * Applies the signals in the order given, then correlates. The result names each problem by kind, root ("?" when
     * suspected) and its incidents' components, and then which components' incidents are still open and which resolved:
     * {@code "TOPOLOGY core-oslo: core-oslo dns | open: core-oslo dns | resolved: "}.
     */
    static String run(List<Signal> signals) {
        Map<String, Incident> open = new HashMap<>();
        Map<String, Incident> incidents = new LinkedHashMap<>();
        Set<String> processed = new HashSet<>(); // the incident consumer's processed_signal
        int[] next = {0};
        for (Signal s : signals) {
            // as IncidentService: incidents' own status signals, location notes and unknown components take no part
            if (s.source().equals("incident") || s.source().equals(Signal.LOCATION_NOTE)
                    || CorrelatorTest.NHN.component(s.component()).isEmpty() || !processed.add(s.id())) {
                continue;
            }
            IncidentEngine.Decision d = IncidentEngine.onSignal(Optional.ofNullable(open.get(s.component())),
                    Optional.empty(), s, CorrelatorTest.NHN, () -> String.format("INC-%06d", ++next[0]));
            d.incident().ifPresent(i -> {
                incidents.put(i.id(), i);
                if (i.state().isOpen()) {
                    open.put(i.componentId(), i);
                } else {
                    open.remove(i.componentId());
                }
            });
        }
        List<IncidentFacts> facts = incidents.values().stream().map(i -> new IncidentFacts(i.id(), i.componentId(),
                i.openedAt(), i.resolvedAt(), i.state() == IncidentState.DISMISSED, i.version())).toList();
        Map<String, String> componentOf = new HashMap<>();
        incidents.values().forEach(i -> componentOf.put(i.id(), i.componentId()));
        List<String> problems = Correlator.correlate(facts, CorrelatorTest.NHN, CorrelationPolicy.DEFAULT, Map.of(),
                T0.plus(Duration.ofHours(1))).stream()
                .map(g -> g.kind() + " " + g.rootComponent() + (g.rootSuspected() ? "?" : "") + ":"
                        + g.incidentIds().stream().map(componentOf::get).sorted().map(c -> " " + c)
                        .collect(Collectors.joining()))
                .sorted().toList();
        return String.join("; ", problems) + " | open:" + components(incidents, true) + " | resolved:"
                + components(incidents, false);
    }

    private static String components(Map<String, Incident> incidents, boolean open) {
        Set<String> out = new TreeSet<>();
        incidents.values().stream().filter(i -> i.state().isOpen() == open).forEach(i -> out.add(i.componentId()));
        return out.stream().map(c -> " " + c).collect(Collectors.joining());
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("a core site outage takes down many services: one problem, rooted at the site",
                        List.of(down("core-oslo", 0), down("dns", 1), down("helseid", 1), down("edi", 2),
                                down("eresept", 2), down("video", 3)),
                        "TOPOLOGY core-oslo: core-oslo dns edi eresept helseid video"
                                + " | open: core-oslo dns edi eresept helseid video | resolved:"),
                Arguments.of("a line provider outage across sites: one problem, rooted at the provider",
                        List.of(down("dmvpn-oslo", 0), down("telenor", 0), down("dmvpn-bergen", 1)),
                        "TOPOLOGY telenor: dmvpn-bergen dmvpn-oslo telenor"
                                + " | open: dmvpn-bergen dmvpn-oslo telenor | resolved:"),
                Arguments.of("two unrelated outages at the same time stay apart",
                        List.of(down("core-oslo", 0), down("lab", 0), down("dns", 1), down("core-bergen", 1)),
                        "TOPOLOGY core-oslo: core-oslo dns | open: core-bergen core-oslo dns lab | resolved:"),
                Arguments.of("a flapping component: three incidents, one problem, and a recurring one",
                        List.of(down("lab", 0), up("lab", 1), down("lab", 2), up("lab", 3), down("lab", 4)),
                        "RECURRING lab: lab lab lab; TOPOLOGY lab: lab lab lab | open: lab | resolved: lab"),
                Arguments.of("duplicate signals: redelivered ids and repeated failures change nothing",
                        List.of(down("dmvpn-oslo", 0), down("dmvpn-oslo", 0), down("telenor", 0),
                                down("dmvpn-oslo", 1), down("dmvpn-bergen", 1), down("telenor", 0),
                                down("dmvpn-bergen", 2), down("dmvpn-bergen", 1), down("lab", 30), up("lab", 31),
                                down("lab", 30)),
                        "TOPOLOGY telenor: dmvpn-bergen dmvpn-oslo telenor"
                                + " | open: dmvpn-bergen dmvpn-oslo telenor | resolved: lab"),
                Arguments.of("out of order: the end of an earlier failure arrives after the new one began",
                        List.of(down("core-oslo", 0), down("dns", 1), up("core-oslo", -5), up("dns", -3)),
                        "TOPOLOGY core-oslo: core-oslo dns | open: core-oslo dns | resolved:"),
                Arguments.of("out of order: across components, children before their root",
                        List.of(down("edi", 2), down("helseid", 1), down("dns", 1), down("core-oslo", 0)),
                        "TOPOLOGY core-oslo: core-oslo dns edi helseid | open: core-oslo dns edi helseid | resolved:"),
                Arguments.of("the root recovers before its children: the problem stays whole",
                        List.of(down("core-oslo", 0), down("dns", 1), down("helseid", 1), up("core-oslo", 2)),
                        "TOPOLOGY core-oslo: core-oslo dns helseid | open: dns helseid | resolved: core-oslo"),
                Arguments.of("then the children recover too: every incident resolved, the problem still whole",
                        List.of(down("core-oslo", 0), down("dns", 1), down("helseid", 1), up("core-oslo", 2),
                                up("dns", 3), up("helseid", 4)),
                        "TOPOLOGY core-oslo: core-oslo dns helseid | open: | resolved: core-oslo dns helseid"),
                Arguments.of("signals about components not in the catalog, and incidents' own, take no part",
                        List.of(down("core-oslo", 0), down("no-such-thing", 0),
                                sig("incident", "dns", SignalState.DOWN, 1), down("dns", 1)),
                        "TOPOLOGY core-oslo: core-oslo dns | open: core-oslo dns | resolved:"),
                Arguments.of("a second source keeps the incident open until it too recovers",
                        List.of(down("core-oslo", 0), sig("zabbix", "core-oslo", SignalState.DOWN, 1), down("dns", 1),
                                up("core-oslo", 2)),
                        "TOPOLOGY core-oslo: core-oslo dns | open: core-oslo dns | resolved:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, List<Signal> signals, String expected) {
        assertEquals(expected, run(signals));
    }

    /**
     * Signals of different components travel in different partitions, so the consumer sees them in any interleaving
     * (each component's own in order), and redelivered after a failure: the problems must not depend on it.
     */
    @Test
    void anyInterleavingAcrossComponentsWithRedeliveriesGivesTheSameProblems() {
        List<Signal> signals = List.of(down("core-oslo", 0), down("dns", 1), down("helseid", 1), down("edi", 2),
                down("dmvpn-oslo", 2), down("telenor", 2), down("dmvpn-bergen", 3), down("lab", 0), up("lab", 1),
                down("lab", 2), up("core-oslo", 4), up("dns", -2), down("archive", 3), up("lab", 5), down("lab", 6));
        String expected = run(signals);
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            Map<String, List<Signal>> byComponent = new LinkedHashMap<>();
            signals.forEach(s -> byComponent.computeIfAbsent(s.component(), k -> new ArrayList<>()).add(s));
            List<List<Signal>> queues = new ArrayList<>(byComponent.values().stream().map(ArrayList::new).toList());
            List<Signal> interleaved = new ArrayList<>();
            while (!queues.isEmpty()) {
                List<Signal> q = queues.get(random.nextInt(queues.size()));
                interleaved.add(q.remove(0));
                if (random.nextInt(5) == 0) { // a batch redelivered: the signal again, later
                    interleaved.add(interleaved.get(random.nextInt(interleaved.size())));
                }
                if (q.isEmpty()) {
                    queues.remove(q);
                }
            }
            assertEquals(expected, run(interleaved), "round " + round + ": " + interleaved.stream()
                    .map(Signal::id).toList());
        }
    }
}

package no.nhn.driftsvakt.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogParser;

/** Table-driven: a catalog modelled on NHN, incidents in, problems out. */
class CorrelatorTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final String TCP = "checks: [ { id: %s-c, type: tcp, host: h, port: 1 } ]";

    static final Catalog NHN = CatalogParser.parse("nhn.yaml", String.join("\n",
            "components:",
            "  - { id: power-oslo, name: Strøm Oslo, category: Infra, kind: infrastructure }",
            c("core-oslo", "dependsOn: [power-oslo], labels: { site: oslo }"),
            c("core-bergen", "labels: { site: bergen }"),
            c("telenor", "labels: { provider: telenor }"),
            c("dmvpn-oslo", "dependsOn: [core-oslo, telenor], labels: { site: oslo, provider: telenor }"),
            c("dmvpn-bergen", "dependsOn: [core-bergen, telenor], labels: { site: bergen, provider: telenor }"),
            c("dns", "dependsOn: [core-oslo]"),
            c("helseid", "dependsOn: [dns]"),
            c("edi", "dependsOn: [helseid, dmvpn-oslo]"),
            c("eresept", "dependsOn: [helseid]"),
            c("video", "dependsOn: [helseid]"),
            c("portal", "dependsOn: [dns, dmvpn-bergen]"),
            c("lab", ""),
            c("archive", "dependsOn: [power-oslo]")), k -> Optional.empty());

    private static String c(String id, String extra) {
        return "  - { id: " + id + ", name: " + id + ", category: X" + (extra.isEmpty() ? "" : ", " + extra) + ", "
                + String.format(TCP, id) + " }";
    }

    /** Incident {@code id} on {@code component}, opened {@code minute} minutes after T0. */
    static IncidentFacts inc(String id, String component, int minute) {
        return new IncidentFacts(id, component, T0.plus(Duration.ofMinutes(minute)), null, false, 1);
    }

    static IncidentFacts resolved(String id, String component, int minute, int resolvedMinute) {
        return new IncidentFacts(id, component, T0.plus(Duration.ofMinutes(minute)),
                T0.plus(Duration.ofMinutes(resolvedMinute)), false, 2);
    }

    /** Expected group: kind, member ids, root, suspected. */
    record Expect(ProblemGroup.Kind kind, List<String> ids, String root, boolean suspected) {
        static Expect of(ProblemGroup g) {
            return new Expect(g.kind(), g.incidentIds(), g.rootComponent(), g.rootSuspected());
        }
    }

    static Expect topo(String root, String... ids) {
        return new Expect(ProblemGroup.Kind.TOPOLOGY, List.of(ids), root, false);
    }

    static List<Expect> run(List<IncidentFacts> incidents, Map<String, String> pins) {
        return Correlator.correlate(incidents, NHN, CorrelationPolicy.DEFAULT, pins, T0.plus(Duration.ofHours(1)))
                .stream().map(Expect::of).toList();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("a core site outage takes down many services: one problem, rooted at the site",
                        List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1), inc("I3", "helseid", 1),
                                inc("I4", "edi", 2), inc("I5", "eresept", 2), inc("I6", "video", 3)),
                        List.of(topo("core-oslo", "I1", "I2", "I3", "I4", "I5", "I6"))),
                Arguments.of("a failing line provider across sites: rooted at the provider",
                        List.of(inc("I1", "dmvpn-oslo", 0), inc("I2", "telenor", 0), inc("I3", "dmvpn-bergen", 1)),
                        List.of(topo("telenor", "I1", "I2", "I3"))),
                Arguments.of("hubs of one provider at two sites while the provider's own check is green: suspected "
                                + "provider, grouped by label",
                        List.of(inc("I1", "dmvpn-oslo", 0), inc("I2", "dmvpn-bergen", 1)),
                        List.of(new Expect(ProblemGroup.Kind.LABEL, List.of("I1", "I2"), "telenor", true))),
                Arguments.of("two unrelated outages at the same time stay apart",
                        List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 0), inc("I3", "lab", 1),
                                inc("I4", "core-bergen", 1)),
                        List.of(topo("core-oslo", "I1", "I2"))),
                Arguments.of("a shared upstream without a check of its own is the suspected root",
                        List.of(inc("I1", "core-oslo", 0), inc("I2", "archive", 2)),
                        List.of(new Expect(ProblemGroup.Kind.TOPOLOGY, List.of("I1", "I2"), "power-oslo", true))),
                Arguments.of("incidents further apart than the window are not linked",
                        List.of(inc("I1", "dns", 0), inc("I2", "helseid", 15)),
                        List.of()),
                Arguments.of("a later incident that bridges two problems merges them",
                        List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1), inc("I3", "core-bergen", 0),
                                inc("I4", "dmvpn-bergen", 1), inc("I5", "portal", 3)),
                        List.of(new Expect(ProblemGroup.Kind.TOPOLOGY, List.of("I1", "I2", "I3", "I4", "I5"), null,
                                true))),
                Arguments.of("the root recovers before its children: the problem stays whole",
                        List.of(resolved("I1", "core-oslo", 0, 2), inc("I2", "dns", 1), inc("I3", "helseid", 3)),
                        List.of(topo("core-oslo", "I1", "I2", "I3"))),
                Arguments.of("a flapping component's incidents within the window are one problem",
                        List.of(resolved("I1", "lab", 0, 1), resolved("I2", "lab", 2, 3), inc("I3", "lab", 4)),
                        List.of(topo("lab", "I1", "I2", "I3"),
                                new Expect(ProblemGroup.Kind.RECURRING, List.of("I1", "I2", "I3"), "lab", false))),
                Arguments.of("three incidents on one component in a week make a recurring problem",
                        List.of(resolved("I1", "video", -3 * 24 * 60, -3 * 24 * 60 + 5),
                                resolved("I2", "video", -2 * 24 * 60, -2 * 24 * 60 + 5), inc("I3", "video", 0),
                                resolved("I0", "video", -9 * 24 * 60, -9 * 24 * 60 + 5)),
                        List.of(new Expect(ProblemGroup.Kind.RECURRING, List.of("I1", "I2", "I3"), "video", false))),
                Arguments.of("a dismissed incident takes no part; the newest version of an incident counts",
                        List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1),
                                new IncidentFacts("I2", "dns", T0.plus(Duration.ofMinutes(1)), null, true, 3),
                                inc("I2", "dns", 1)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, List<IncidentFacts> incidents, List<Expect> expected) {
        assertEquals(expected, run(incidents, Map.of()));
    }

    @Test
    void theSameIncidentsInAnyOrderWithRepeatsAndStaleVersionsGiveTheSameProblems() {
        List<IncidentFacts> base = new ArrayList<>(List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1),
                inc("I3", "helseid", 1), inc("I4", "core-bergen", 0), inc("I5", "dmvpn-bergen", 1),
                inc("I6", "portal", 3), inc("I7", "lab", 2), resolved("I8", "archive", 4, 6),
                new IncidentFacts("I9", "video", T0.plus(Duration.ofMinutes(5)), null, true, 2),
                inc("I9", "video", 5)));
        List<Expect> expected = run(base, Map.of());
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<IncidentFacts> shuffled = new ArrayList<>(base);
            for (int d = random.nextInt(4); d > 0; d--) {
                shuffled.add(base.get(random.nextInt(base.size()))); // redelivered
            }
            Collections.shuffle(shuffled, random);
            assertEquals(expected, run(shuffled, Map.of()), "round " + round);
        }
    }

    @Test
    void theFastLinkingGroupsExactlyAsComparingEveryPairWould() {
        List<String> components = NHN.components().stream().map(c -> c.id()).toList();
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<IncidentFacts> incidents = new ArrayList<>();
            int count = 2 + random.nextInt(25);
            for (int i = 0; i < count; i++) {
                incidents.add(inc("I" + i, components.get(random.nextInt(components.size())), random.nextInt(60)));
            }
            java.util.Set<java.util.Set<String>> fast = new java.util.HashSet<>();
            Correlator.correlate(incidents, NHN, CorrelationPolicy.DEFAULT, Map.of(), T0).stream()
                    .filter(g -> g.kind() != ProblemGroup.Kind.RECURRING)
                    .forEach(g -> fast.add(java.util.Set.copyOf(g.incidentIds())));
            assertEquals(pairwise(incidents), fast, "round " + round + ": " + incidents);
        }
    }

    /** The definition, by brute force: link every pair within the window that a rule links; groups of two or more. */
    private static java.util.Set<java.util.Set<String>> pairwise(List<IncidentFacts> incidents) {
        Map<String, String> parent = new java.util.HashMap<>();
        incidents.forEach(i -> parent.put(i.id(), i.id()));
        for (IncidentFacts a : incidents) {
            for (IncidentFacts b : incidents) {
                if (a != b && Duration.between(a.openedAt(), b.openedAt()).abs().compareTo(Duration.ofMinutes(10)) <= 0
                        && (Correlator.topologyLinked(NHN, a.componentId(), b.componentId())
                        || Correlator.labelLinked(NHN, CorrelationPolicy.DEFAULT, a.componentId(), b.componentId()))) {
                    String ra = root(parent, a.id());
                    String rb = root(parent, b.id());
                    parent.put(ra, rb);
                }
            }
        }
        Map<String, java.util.Set<String>> groups = new java.util.HashMap<>();
        incidents.forEach(i -> groups.computeIfAbsent(root(parent, i.id()), k -> new java.util.HashSet<>()).add(i.id()));
        java.util.Set<java.util.Set<String>> out = new java.util.HashSet<>();
        groups.values().stream().filter(g -> g.size() >= 2).forEach(g -> out.add(java.util.Set.copyOf(g)));
        return out;
    }

    private static String root(Map<String, String> parent, String id) {
        while (!parent.get(id).equals(id)) {
            id = parent.get(id);
        }
        return id;
    }

    @Test
    void staffDecisionsAreNeverUndone() {
        List<IncidentFacts> incidents = List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1), inc("I3", "helseid", 1));

        List<Expect> split = run(incidents, Map.of("I3", "staff:P-7"));

        assertEquals(List.of(new Expect(ProblemGroup.Kind.TOPOLOGY, List.of("I1", "I2"), "core-oslo", false),
                new Expect(ProblemGroup.Kind.STAFF, List.of("I3"), "helseid", false)), split);
    }

    @Test
    void mergesAndRelinksByStaffHoldInEveryLaterRunAsIncidentsComeAndGo() {
        // Staff merged lab and core-bergen (unrelated by the rules) into one problem, and relinked dns away from the
        // core-oslo problem the rules would put it in.
        Map<String, String> pins = Map.of("I4", "staff:M-1", "I5", "staff:M-1", "I2", "staff:P-9");
        List<IncidentFacts> first = List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1), inc("I3", "helseid", 1),
                inc("I4", "lab", 2), inc("I5", "core-bergen", 2));
        List<IncidentFacts> later = new ArrayList<>(first);
        later.add(inc("I6", "edi", 3)); // joins core-oslo's problem by the rules
        later.add(inc("I7", "portal", 4)); // links by the rules to dns and core-bergen, both pinned
        later.set(1, resolved("I2", "dns", 1, 5)); // a pinned incident resolves
        later.set(3, resolved("I4", "lab", 2, 6));

        Map<String, List<String>> expectedFirst = Map.of("problem:I1", List.of("I1", "I3"),
                "staff:M-1", List.of("I4", "I5"), "staff:P-9", List.of("I2"));
        Map<String, List<String>> expectedLater = Map.of("problem:I1", List.of("I1", "I3", "I6", "I7"),
                "staff:M-1", List.of("I4", "I5"), "staff:P-9", List.of("I2"));

        assertEquals(expectedFirst, groups(first, pins));
        assertEquals(expectedLater, groups(later, pins));
    }

    private static Map<String, List<String>> groups(List<IncidentFacts> incidents, Map<String, String> pins) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        Correlator.correlate(incidents, NHN, CorrelationPolicy.DEFAULT, pins, T0.plus(Duration.ofHours(1)))
                .forEach(g -> out.put(g.key(), g.incidentIds()));
        return out;
    }

    @Test
    void theProblemKeyIsItsFirstIncidentSoItSurvivesGrowthAndMerges() {
        List<ProblemGroup> before = Correlator.correlate(List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1)), NHN,
                CorrelationPolicy.DEFAULT, Map.of(), T0);
        List<ProblemGroup> after = Correlator.correlate(List.of(inc("I1", "core-oslo", 0), inc("I2", "dns", 1),
                inc("I3", "edi", 4)), NHN, CorrelationPolicy.DEFAULT, Map.of(), T0);

        assertEquals("problem:I1", before.get(0).key());
        assertEquals("problem:I1", after.get(0).key());
        assertEquals("I1", after.get(0).rootIncidentId());
    }
}

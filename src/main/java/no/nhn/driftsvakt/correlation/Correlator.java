package no.nhn.driftsvakt.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Component;

/**
 * Groups incidents into problems. A pure function of the set of incidents (the newest version of each), the
 * catalog, the policy and staff pins: the same incidents in any order, with repeats or stale versions, give
 * the same problems.
 *
 * <p>Two incidents opened within the window are linked when one component is upstream of the other, when
 * their components share an upstream that has no check of its own (so it cannot tell us it is down), or when
 * they share a configured label value (site, provider). Linked incidents form one problem, transitively, so a
 * later incident that bridges two problems merges them. Incidents staff pinned to a problem stay there and take
 * no part in automatic linking: the correlator never undoes a staff decision.
 */
public final class Correlator {

    private Correlator() {
    }

    /**
     * @param pins incident id → problem key, from staff merges, splits and relinks
     * @param now  for the recurrence period
     */
    public static List<ProblemGroup> correlate(Collection<IncidentFacts> incidents, Catalog catalog,
                                               CorrelationPolicy policy, Map<String, String> pins, Instant now) {
        List<IncidentFacts> live = newestVersions(incidents).stream()
                .filter(f -> !f.dismissed() && catalog.component(f.componentId()).isPresent())
                .sorted(Comparator.comparing(IncidentFacts::openedAt).thenComparing(IncidentFacts::id))
                .toList();
        List<ProblemGroup> out = new ArrayList<>();
        Map<String, List<IncidentFacts>> pinned = new TreeMap<>();
        List<IncidentFacts> free = new ArrayList<>();
        for (IncidentFacts f : live) {
            String pin = pins.get(f.id());
            if (pin != null) {
                pinned.computeIfAbsent(pin, k -> new ArrayList<>()).add(f);
            } else {
                free.add(f);
            }
        }
        pinned.forEach((key, members) -> out.add(group(key, ProblemGroup.Kind.STAFF, members, catalog, policy,
                "Satt sammen av vakt / Grouped by staff")));
        out.addAll(linked(free, catalog, policy));
        out.addAll(recurring(live, policy, now));
        out.sort(Comparator.comparing(ProblemGroup::key));
        return out;
    }

    /** Keeps the highest version of each incident id. */
    static Collection<IncidentFacts> newestVersions(Collection<IncidentFacts> incidents) {
        Map<String, IncidentFacts> newest = new HashMap<>();
        for (IncidentFacts f : incidents) {
            newest.merge(f.id(), f, (a, b) -> b.version() > a.version() ? b : a);
        }
        return newest.values();
    }

    /**
     * Union-find over the linking rules without comparing all pairs: each rule that links every pair of a set
     * within the window (same component, same check-less upstream, same label value) is equivalent to linking
     * time-consecutive members within the window; "one is upstream of the other" links an incident to the first
     * and last incident on each upstream component within its window (those on that component in between are
     * chained to one of them). O(n log n) in a storm instead of O(n²).
     */
    private static List<ProblemGroup> linked(List<IncidentFacts> free, Catalog catalog, CorrelationPolicy policy) {
        int n = free.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        boolean[] byTopology = new boolean[n];
        Map<String, List<Integer>> sameComponent = new HashMap<>();
        Map<String, List<Integer>> sameChecklessUpstream = new HashMap<>();
        Map<String, List<Integer>> sameLabel = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String comp = free.get(i).componentId();
            sameComponent.computeIfAbsent(comp, k -> new ArrayList<>()).add(i);
            for (String u : catalog.upstreamOf(comp)) {
                if (catalog.component(u).map(c -> c.checks().isEmpty()).orElse(false)) {
                    sameChecklessUpstream.computeIfAbsent(u, k -> new ArrayList<>()).add(i);
                }
            }
            Map<String, String> labels = catalog.component(comp).orElseThrow().labels();
            for (String label : policy.labels()) {
                String v = labels.get(label);
                if (v != null) {
                    sameLabel.computeIfAbsent(label + "=" + v, k -> new ArrayList<>()).add(i);
                }
            }
        }
        // indices are in opening-time order because free is
        for (List<Integer> set : sameComponent.values()) {
            chain(set, free, policy, parent, byTopology, true);
        }
        for (List<Integer> set : sameChecklessUpstream.values()) {
            chain(set, free, policy, parent, byTopology, true);
        }
        for (List<Integer> set : sameLabel.values()) {
            chain(set, free, policy, parent, byTopology, false);
        }
        for (int i = 0; i < n; i++) {
            IncidentFacts a = free.get(i);
            for (String u : catalog.upstreamOf(a.componentId())) {
                List<Integer> on = sameComponent.get(u);
                if (on == null) {
                    continue;
                }
                int first = -1;
                int last = -1;
                for (int j : on) { // lists per component are short; a binary search is not worth it here
                    if (within(free.get(j), a, policy)) {
                        if (first < 0) {
                            first = j;
                        }
                        last = j;
                    }
                }
                if (first >= 0) {
                    link(parent, byTopology, i, first, true);
                    link(parent, byTopology, i, last, true);
                }
            }
        }
        Map<Integer, List<IncidentFacts>> groups = new TreeMap<>();
        Map<Integer, Boolean> topoGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            groups.computeIfAbsent(r, k -> new ArrayList<>()).add(free.get(i));
            topoGroup.merge(r, byTopology[i], Boolean::logicalOr);
        }
        List<ProblemGroup> out = new ArrayList<>();
        groups.forEach((root, members) -> {
            if (members.size() >= 2) {
                ProblemGroup.Kind kind = topoGroup.get(root) ? ProblemGroup.Kind.TOPOLOGY : ProblemGroup.Kind.LABEL;
                out.add(group("problem:" + members.get(0).id(), kind, members, catalog, policy, null));
            }
        });
        return out;
    }

    private static boolean within(IncidentFacts a, IncidentFacts b, CorrelationPolicy policy) {
        return Duration.between(a.openedAt(), b.openedAt()).abs().compareTo(policy.window()) <= 0;
    }

    private static void chain(List<Integer> set, List<IncidentFacts> free, CorrelationPolicy policy, int[] parent,
                              boolean[] byTopology, boolean topology) {
        for (int k = 1; k < set.size(); k++) {
            int a = set.get(k - 1);
            int b = set.get(k);
            if (within(free.get(a), free.get(b), policy)) {
                link(parent, byTopology, a, b, topology);
            }
        }
    }

    private static void link(int[] parent, boolean[] byTopology, int a, int b, boolean topology) {
        union(parent, a, b);
        if (topology) {
            byTopology[a] = true;
            byTopology[b] = true;
        }
    }

    static boolean topologyLinked(Catalog catalog, String a, String b) {
        Set<String> upA = catalog.upstreamOf(a);
        Set<String> upB = catalog.upstreamOf(b);
        if (upA.contains(b) || upB.contains(a) || a.equals(b)) {
            return true;
        }
        for (String u : upA) {
            if (upB.contains(u) && catalog.component(u).map(c -> c.checks().isEmpty()).orElse(false)) {
                return true; // a shared upstream we cannot observe: suspect it
            }
        }
        return false;
    }

    static boolean labelLinked(Catalog catalog, CorrelationPolicy policy, String a, String b) {
        Component ca = catalog.component(a).orElseThrow();
        Component cb = catalog.component(b).orElseThrow();
        for (String label : policy.labels()) {
            String va = ca.labels().get(label);
            if (va != null && va.equals(cb.labels().get(label))) {
                return true;
            }
        }
        return false;
    }

    /** Builds a group and finds its root-cause candidate. */
    private static ProblemGroup group(String key, ProblemGroup.Kind kind, List<IncidentFacts> members, Catalog catalog,
                                      CorrelationPolicy policy, String reason) {
        Set<String> components = new LinkedHashSet<>();
        members.forEach(m -> components.add(m.componentId()));
        List<String> roots = components.stream()
                .filter(c -> catalog.upstreamOf(c).stream().noneMatch(components::contains)).toList();
        String root;
        boolean suspected;
        String why;
        if (roots.size() == 1) {
            root = roots.get(0);
            suspected = false;
            why = "Felles årsak oppstrøms / Common upstream cause: " + name(catalog, root);
        } else {
            root = nearestCommonUpstream(catalog, roots);
            suspected = true;
            if (root != null) {
                why = "Mistenkt felles årsak / Suspected common cause: " + name(catalog, root);
            } else {
                String label = sharedLabel(catalog, policy, components);
                why = label != null ? "Samme " + label + " / Same " + label
                        : "Samtidige feil / Simultaneous failures";
            }
        }
        String rootIncident = root == null ? null : members.stream().filter(m -> m.componentId().equals(root))
                .map(IncidentFacts::id).findFirst().orElse(null);
        List<String> ids = members.stream().map(IncidentFacts::id).sorted().toList();
        return new ProblemGroup(key, kind, ids, root, suspected, rootIncident, members.get(0).openedAt(),
                reason != null ? reason + "; " + why : why);
    }

    /** The common upstream of all roots nearest to the first root, or null. */
    static String nearestCommonUpstream(Catalog catalog, List<String> roots) {
        if (roots.isEmpty()) {
            return null;
        }
        for (String candidate : catalog.upstreamOf(roots.get(0))) {
            if (roots.stream().allMatch(r -> catalog.upstreamOf(r).contains(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String sharedLabel(Catalog catalog, CorrelationPolicy policy, Set<String> components) {
        for (String label : policy.labels()) {
            Set<String> values = new LinkedHashSet<>();
            for (String c : components) {
                values.add(catalog.component(c).orElseThrow().labels().get(label));
            }
            if (values.size() == 1 && values.iterator().next() != null) {
                return label + "=" + values.iterator().next();
            }
        }
        return null;
    }

    private static List<ProblemGroup> recurring(List<IncidentFacts> live, CorrelationPolicy policy, Instant now) {
        Instant from = now.minus(policy.recurrencePeriod());
        Map<String, List<IncidentFacts>> byComponent = new TreeMap<>();
        for (IncidentFacts f : live) {
            if (!f.openedAt().isBefore(from)) {
                byComponent.computeIfAbsent(f.componentId(), k -> new ArrayList<>()).add(f);
            }
        }
        List<ProblemGroup> out = new ArrayList<>();
        byComponent.forEach((component, list) -> {
            if (list.size() >= policy.recurrenceCount()) {
                out.add(new ProblemGroup("recurring:" + component, ProblemGroup.Kind.RECURRING,
                        list.stream().map(IncidentFacts::id).sorted().toList(), component, false, null,
                        list.get(0).openedAt(), "Gjentatt feil / Recurring: " + list.size() + " hendelser på "
                        + policy.recurrencePeriod().toDays() + " dager / incidents in "
                        + policy.recurrencePeriod().toDays() + " days"));
            }
        });
        return out;
    }

    private static String name(Catalog catalog, String id) {
        return catalog.component(id).map(Component::name).orElse(id);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // the smaller index (earlier incident) stays the representative: deterministic
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

}

package no.nhn.driftsvakt.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated service catalog. Immutable: a reload builds a new one and swaps it in whole.
 *
 * @param source  where it was read from (file path or classpath resource)
 * @param version a short content hash, so logs and pages can tell catalog versions apart
 */
public record Catalog(String source, String version, List<Component> components, List<CustomerGroup> customerGroups,
                      List<SupportGroup> supportGroups) {

    public Catalog {
        components = List.copyOf(components);
        customerGroups = List.copyOf(customerGroups);
        supportGroups = List.copyOf(supportGroups);
    }

    public Optional<Component> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Every check of every component, in catalog order. */
    public List<Check> checks() {
        List<Check> all = new ArrayList<>();
        components.forEach(c -> all.addAll(c.checks()));
        return all;
    }

    public Optional<Check> check(String id) {
        for (Component c : components) {
            for (Check k : c.checks()) {
                if (k.id().equals(id)) {
                    return Optional.of(k);
                }
            }
        }
        return Optional.empty();
    }

    /** Categories in the order they first appear, each with its components in catalog order. */
    public Map<String, List<Component>> byCategory() {
        Map<String, List<Component>> out = new LinkedHashMap<>();
        components.forEach(c -> out.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        return out;
    }

    /** All components {@code id} depends on, directly or transitively, nearest first. */
    public Set<String> upstreamOf(String id) {
        Map<String, Component> byId = index();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(byId.containsKey(id) ? byId.get(id).dependsOn() : List.of());
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (seen.add(next) && byId.containsKey(next)) {
                queue.addAll(byId.get(next).dependsOn());
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    /** The customer groups that use {@code id} directly or through something that depends on it. */
    public List<CustomerGroup> customerGroupsAffectedBy(String id) {
        List<CustomerGroup> out = new ArrayList<>();
        for (CustomerGroup g : customerGroups) {
            boolean uses = g.uses().stream().anyMatch(u -> u.equals(id) || upstreamOf(u).contains(id));
            if (uses) {
                out.add(g);
            }
        }
        return out;
    }

    private Map<String, Component> index() {
        Map<String, Component> byId = new LinkedHashMap<>();
        components.forEach(c -> byId.put(c.id(), c));
        return byId;
    }
}

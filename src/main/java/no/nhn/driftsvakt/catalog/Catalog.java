package no.nhn.driftsvakt.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated service catalog. Immutable: a reload builds a new one and swaps it in whole. Lookups by id and
 * the transitive upstream of every component are indexed once, as probes and pages ask for them constantly.
 */
public final class Catalog {

    private final String source;
    private final String version;
    private final List<Component> components;
    private final List<CustomerGroup> customerGroups;
    private final List<SupportGroup> supportGroups;
    private final Map<String, Component> componentsById = new HashMap<>();
    private final Map<String, Check> checksById = new HashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Set<String>> upstream = new HashMap<>();
    private final Map<String, List<Component>> byCategory = new LinkedHashMap<>();

    /**
     * @param source  where it was read from (file path or classpath resource)
     * @param version a short content hash, so logs and pages can tell catalog versions apart
     */
    public Catalog(String source, String version, List<Component> components, List<CustomerGroup> customerGroups,
                   List<SupportGroup> supportGroups) {
        this.source = source;
        this.version = version;
        this.components = List.copyOf(components);
        this.customerGroups = List.copyOf(customerGroups);
        this.supportGroups = List.copyOf(supportGroups);
        for (Component c : this.components) {
            componentsById.put(c.id(), c);
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
            for (Check k : c.checks()) {
                checksById.put(k.id(), k);
                checks.add(k);
            }
        }
        for (Component c : this.components) {
            upstream.put(c.id(), closure(c.id()));
        }
        byCategory.replaceAll((k, v) -> List.copyOf(v));
    }

    public String source() {
        return source;
    }

    public String version() {
        return version;
    }

    public List<Component> components() {
        return components;
    }

    public List<CustomerGroup> customerGroups() {
        return customerGroups;
    }

    public List<SupportGroup> supportGroups() {
        return supportGroups;
    }

    public Optional<SupportGroup> supportGroup(String id) {
        return id == null ? Optional.empty() : supportGroups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /**
     * The functional escalation path from a support group: the group itself, then the group it escalates to, and so
     * on (the parser allows only 2nd line → 3rd line, so the path is short and never loops). Empty for an unknown id.
     */
    public List<SupportGroup> escalationPath(String groupId) {
        List<SupportGroup> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Optional<SupportGroup> g = supportGroup(groupId);
        while (g.isPresent() && seen.add(g.get().id())) {
            path.add(g.get());
            g = supportGroup(g.get().escalatesTo());
        }
        return List.copyOf(path);
    }

    public Optional<Component> component(String id) {
        return Optional.ofNullable(componentsById.get(id));
    }

    /** Every check of every component, in catalog order. */
    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public Optional<Check> check(String id) {
        return Optional.ofNullable(checksById.get(id));
    }

    /** Categories in the order they first appear, each with its components in catalog order. */
    public Map<String, List<Component>> byCategory() {
        return Collections.unmodifiableMap(byCategory);
    }

    /** All components {@code id} depends on, directly or transitively, nearest first. */
    public Set<String> upstreamOf(String id) {
        return upstream.getOrDefault(id, Set.of());
    }

    /** The customer groups that use {@code id} directly or through something that depends on it. */
    public List<CustomerGroup> customerGroupsAffectedBy(String id) {
        List<CustomerGroup> out = new ArrayList<>();
        for (CustomerGroup g : customerGroups) {
            if (g.uses().stream().anyMatch(u -> u.equals(id) || upstreamOf(u).contains(id))) {
                out.add(g);
            }
        }
        return out;
    }

    private Set<String> closure(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(componentsById.get(id).dependsOn());
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (seen.add(next) && componentsById.containsKey(next)) {
                queue.addAll(componentsById.get(next).dependsOn());
            }
        }
        return Collections.unmodifiableSet(seen);
    }
}

package no.nhn.driftsvakt.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.nhn.driftsvakt.catalog.Agreement;
import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.catalog.CustomerGroup;

/**
 * What the catalog says about who is affected: each component's downstream closure (everything that depends on it,
 * directly or through others), and a recipient's components, window and pilot flag from their groups. Pure; one per
 * catalog version.
 */
public final class SubjectBuilder {

    private final Catalog catalog;
    private final Map<String, Set<String>> downstream = new HashMap<>();
    private final Map<String, CustomerGroup> groups = new HashMap<>();

    public SubjectBuilder(Catalog catalog) {
        this.catalog = catalog;
        for (Component c : catalog.components()) {
            downstream.computeIfAbsent(c.id(), k -> new HashSet<>()).add(c.id());
            for (String up : catalog.upstreamOf(c.id())) {
                downstream.computeIfAbsent(up, k -> new HashSet<>()).add(c.id());
            }
        }
        catalog.customerGroups().forEach(g -> groups.put(g.id(), g));
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The failing components and everything that depends on them. */
    public Set<String> affected(Collection<String> failing) {
        Set<String> out = new HashSet<>();
        for (String f : failing) {
            out.addAll(downstream.getOrDefault(f, Set.of(f)));
        }
        return out;
    }

    /** The customer groups that use any of these components. */
    public List<String> groupsUsing(Set<String> components) {
        List<String> out = new ArrayList<>();
        for (CustomerGroup g : catalog.customerGroups()) {
            if (g.uses().stream().anyMatch(components::contains)) {
                out.add(g.id());
            }
        }
        return out;
    }

    /** What a subscriber follows: the components they chose, or everything their groups use. */
    public Set<String> componentsOf(List<String> groupIds, List<String> chosen) {
        if (!chosen.isEmpty()) {
            return new LinkedHashSet<>(chosen);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String g : groupIds) {
            CustomerGroup group = groups.get(g);
            if (group != null) {
                out.addAll(group.uses());
            }
        }
        return out;
    }

    /** The window a subscriber chose, or their groups' default: around the clock if any group has extended support. */
    public NotifyWindow windowOf(List<String> groupIds, String chosen) {
        if (chosen != null) {
            return NotifyWindow.parse(chosen);
        }
        boolean extended = groupIds.stream().map(groups::get)
                .anyMatch(g -> g != null && g.agreement() == Agreement.EXTENDED);
        return extended ? NotifyWindow.ALWAYS : NotifyWindow.OPENING_HOURS;
    }

    public boolean pilot(List<String> groupIds) {
        return groupIds.stream().map(groups::get).anyMatch(g -> g != null && g.pilot());
    }

    /** Component names for texts, in catalog order. */
    public List<String> names(Collection<String> componentIds) {
        List<String> out = new ArrayList<>();
        for (Component c : catalog.components()) {
            if (componentIds.contains(c.id())) {
                out.add(c.name());
            }
        }
        return out;
    }
}

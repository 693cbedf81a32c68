package no.nhn.driftsvakt.incident;

import java.util.List;

import no.nhn.driftsvakt.catalog.Agreement;
import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CustomerGroup;

/**
 * Impact of a failing component: the customer groups that use it directly or through the dependency graph.
 * High if any of them has an extended agreement or three or more are hit; medium for one or two; low for none.
 */
public final class ImpactAssessor {

    private ImpactAssessor() {
    }

    public static Priority.Impact impact(Catalog catalog, String componentId) {
        List<CustomerGroup> groups = catalog.customerGroupsAffectedBy(componentId);
        if (groups.isEmpty()) {
            return Priority.Impact.LOW;
        }
        boolean extended = groups.stream().anyMatch(g -> g.agreement() == Agreement.EXTENDED);
        return extended || groups.size() >= 3 ? Priority.Impact.HIGH : Priority.Impact.MEDIUM;
    }
}

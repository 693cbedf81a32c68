package no.nhn.driftsvakt.catalog;

import java.util.List;

/** A group of customers (GPs, hospitals, ...) and the components they use. */
public record CustomerGroup(String id, String name, Agreement agreement, boolean pilot, List<String> uses) {
    public CustomerGroup {
        uses = List.copyOf(uses);
    }
}

package no.nhn.driftsvakt.catalog;

import java.util.List;
import java.util.Map;

/**
 * A service or piece of infrastructure NHN runs, as listed in the catalog.
 *
 * @param dependsOn    ids of the components this one needs (its upstream)
 * @param labels       free labels used for correlation, e.g. {@code site}, {@code provider}
 * @param autoResolve  whether an incident on this component resolves by itself when its signal recovers
 * @param thirdParty   run by a supplier, not by NHN
 */
public record Component(String id, String name, String description, ComponentKind kind, String category,
                        String supportGroup, List<String> dependsOn, List<Check> checks, Map<String, String> labels,
                        boolean autoResolve, boolean thirdParty) {
    public Component {
        dependsOn = List.copyOf(dependsOn);
        checks = List.copyOf(checks);
        labels = Map.copyOf(labels);
    }
}

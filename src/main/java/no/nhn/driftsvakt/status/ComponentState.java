package no.nhn.driftsvakt.status;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's own status and the sources behind it, as published on the compacted {@code driftsvakt.status}
 * (key: component id). Dependency effects are not in here: every reader derives them with the catalog it has.
 */
public record ComponentState(String componentId, Map<String, SourceState> sources, ComponentStatus status,
                             Instant updatedAt, String lastSignalId) {
    public ComponentState {
        sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    }
}

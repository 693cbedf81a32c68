package no.nhn.driftsvakt.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * What driftsweb shows: every component's effective status through the dependency graph, grouped by category,
 * and the overall status. Pure: catalog, states and last checks in, a value out.
 */
public final class StatusBoard {

    /** One component row. {@code own} is null while no check has reported yet. */
    public record ComponentView(String id, String name, String description, String kind, boolean thirdParty,
                                ComponentStatus own, ComponentStatus effective, List<String> affectedBy,
                                List<String> problems, Instant since, Instant lastCheckAt, Long lastLatencyMs,
                                boolean hasChecks) {
        public boolean known() {
            return own != null || !hasChecks;
        }
    }

    public record CategoryView(String name, ComponentStatus status, List<ComponentView> components) {
    }

    public record Board(Instant generatedAt, ComponentStatus overall, String overallNb, String overallEn,
                        List<CategoryView> categories, Instant lastUpdate, String catalogVersion) {
        public List<ComponentView> components() {
            return categories.stream().flatMap(c -> c.components().stream()).toList();
        }

        public Optional<ComponentView> component(String id) {
            return components().stream().filter(c -> c.id().equals(id)).findFirst();
        }
    }

    private StatusBoard() {
    }

    public static Board build(Catalog catalog, Map<String, ComponentState> states, Map<String, LastCheck> lastChecks,
                              Instant lastUpdate, Instant now) {
        return build(catalog, states, lastChecks, lastUpdate, now, java.util.Set.of());
    }

    /**
     * As {@link #build(Catalog, Map, Map, Instant, Instant)}, with the components under ongoing planned maintenance:
     * they show "under maintenance" whatever their checks say (failures during the work are expected), and what
     * depends on them is not marked as affected by them.
     */
    public static Board build(Catalog catalog, Map<String, ComponentState> states, Map<String, LastCheck> lastChecks,
                              Instant lastUpdate, Instant now, java.util.Set<String> underMaintenance) {
        List<CategoryView> categories = new ArrayList<>();
        ComponentStatus overall = ComponentStatus.OPERATIONAL;
        for (Map.Entry<String, List<Component>> cat : catalog.byCategory().entrySet()) {
            List<ComponentView> rows = new ArrayList<>();
            ComponentStatus catStatus = ComponentStatus.OPERATIONAL;
            for (Component c : cat.getValue()) {
                ComponentView v = view(catalog, c, states, lastChecks, underMaintenance);
                rows.add(v);
                catStatus = catStatus.worst(v.effective());
            }
            categories.add(new CategoryView(cat.getKey(), catStatus, rows));
            overall = overall.worst(catStatus);
        }
        return new Board(now, overall, overallNb(overall), overallEn(overall), categories, lastUpdate,
                catalog.version());
    }

    private static ComponentView view(Catalog catalog, Component c, Map<String, ComponentState> states,
                                      Map<String, LastCheck> lastChecks, java.util.Set<String> underMaintenance) {
        ComponentState st = states.get(c.id());
        ComponentStatus own = st == null ? (c.checks().isEmpty() ? ComponentStatus.OPERATIONAL : null) : st.status();
        List<String> affectedBy = new ArrayList<>();
        for (String up : catalog.upstreamOf(c.id())) {
            ComponentState us = states.get(up);
            if (us != null && us.status().severity() >= ComponentStatus.PARTIAL_OUTAGE.severity()
                    && !underMaintenance.contains(up)) {
                catalog.component(up).ifPresent(u -> affectedBy.add(u.name()));
            }
        }
        ComponentStatus effective = own == null ? ComponentStatus.OPERATIONAL : own;
        if (!affectedBy.isEmpty()) {
            effective = effective.worst(ComponentStatus.DEGRADED_PERFORMANCE);
        }
        if (underMaintenance.contains(c.id())) {
            own = ComponentStatus.UNDER_MAINTENANCE;
            effective = ComponentStatus.UNDER_MAINTENANCE;
        }
        List<String> problems = st == null ? List.of() : st.sources().values().stream()
                .filter(s -> s.state() != SignalState.UP)
                .filter(s -> !no.nhn.driftsvakt.signal.Signal.LOCATION_NOTE.equals(s.source())) // staff only
                .map(SourceState::summary).toList();
        Instant since = st == null ? null : st.updatedAt();
        LastCheck last = null;
        for (Check k : c.checks()) {
            LastCheck lc = lastChecks.get(k.id());
            if (lc != null && (last == null || lc.at().isAfter(last.at()))) {
                last = lc;
            }
        }
        return new ComponentView(c.id(), c.name(), c.description(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                c.thirdParty(), own, effective, affectedBy, problems, since, last == null ? null : last.at(),
                last == null ? null : last.latencyMs(), !c.checks().isEmpty());
    }

    static String overallNb(ComponentStatus s) {
        return switch (s) {
            case OPERATIONAL -> "Alle tjenester fungerer normalt";
            case UNDER_MAINTENANCE -> "Planlagt vedlikehold pågår";
            case DEGRADED_PERFORMANCE -> "Noen tjenester har redusert ytelse";
            case PARTIAL_OUTAGE -> "Delvis driftsavbrudd";
            case MAJOR_OUTAGE -> "Driftsavbrudd";
        };
    }

    static String overallEn(ComponentStatus s) {
        return switch (s) {
            case OPERATIONAL -> "All systems operational";
            case UNDER_MAINTENANCE -> "Planned maintenance in progress";
            case DEGRADED_PERFORMANCE -> "Some services have degraded performance";
            case PARTIAL_OUTAGE -> "Partial outage";
            case MAJOR_OUTAGE -> "Major outage";
        };
    }

    /** Components sorted worst first, for summaries. */
    public static Comparator<ComponentView> worstFirst() {
        return Comparator.comparingInt((ComponentView v) -> -v.effective().severity()).thenComparing(ComponentView::name);
    }
}

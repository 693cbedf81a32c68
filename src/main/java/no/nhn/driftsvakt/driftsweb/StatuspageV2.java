package no.nhn.driftsvakt.driftsweb;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import no.nhn.driftsvakt.incident.Priority;
import no.nhn.driftsvakt.maintenance.Maintenance;
import no.nhn.driftsvakt.incident.TimelineEntry;
import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusBoard;

/**
 * The Statuspage v2 public JSON (summary, status, components, incidents, scheduled maintenances) from a driftsweb
 * snapshot, with Statuspage's field names, types and enum values so aggregators and widgets that read
 * Statuspage pages read driftsweb unchanged. Pure: a snapshot in, ordered maps out (Jackson writes them).
 */
public final class StatuspageV2 {

    static final String PAGE_ID = "nhn-driftsvakt";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(Format.OSLO);

    private final SiteModel.Snapshot s;
    private final String baseUrl;

    public StatuspageV2(SiteModel.Snapshot snapshot, String baseUrl) {
        this.s = snapshot;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        buildComponents();
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = withPage();
        m.put("components", components());
        m.put("incidents", incidents(true));
        m.put("scheduled_maintenances", maintenances(Maintenance.Phase.SCHEDULED, Maintenance.Phase.IN_PROGRESS));
        m.put("status", status());
        return m;
    }

    public Map<String, Object> statusDocument() {
        Map<String, Object> m = withPage();
        m.put("status", status());
        return m;
    }

    public Map<String, Object> componentsDocument() {
        Map<String, Object> m = withPage();
        m.put("components", components());
        return m;
    }

    public Map<String, Object> incidentsDocument(boolean unresolvedOnly) {
        Map<String, Object> m = withPage();
        m.put("incidents", incidents(unresolvedOnly));
        return m;
    }

    /** Maintenance in the given phases (all but cancelled when none are given), soonest first. */
    public Map<String, Object> maintenancesDocument(Maintenance.Phase... phases) {
        Map<String, Object> m = withPage();
        m.put("scheduled_maintenances", phases.length == 0
                ? maintenances(Maintenance.Phase.SCHEDULED, Maintenance.Phase.IN_PROGRESS, Maintenance.Phase.COMPLETED)
                : maintenances(phases));
        return m;
    }

    List<Map<String, Object>> maintenances(Maintenance.Phase... phases) {
        List<Maintenance.Phase> wanted = List.of(phases);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Maintenance w : s.maintenance()) {
            Maintenance.Phase phase = w.phase(s.builtAt());
            if (!wanted.contains(phase) || out.size() == 50) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("name", w.title());
            m.put("status", phase.wire());
            m.put("created_at", ts(w.createdAt()));
            m.put("updated_at", ts(w.createdAt()));
            m.put("monitoring_at", null);
            m.put("resolved_at", phase == Maintenance.Phase.COMPLETED ? ts(w.endsAt()) : null);
            m.put("impact", "maintenance");
            m.put("shortlink", baseUrl + "/");
            m.put("started_at", ts(w.startsAt()));
            m.put("page_id", PAGE_ID);
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", w.id() + "-1");
            u.put("status", "scheduled");
            u.put("body", w.description());
            u.put("incident_id", w.id());
            u.put("created_at", ts(w.createdAt()));
            u.put("updated_at", ts(w.createdAt()));
            u.put("display_at", ts(w.createdAt()));
            u.put("affected_components", null);
            u.put("deliver_notifications", true);
            u.put("custom_tweet", null);
            u.put("tweet_id", null);
            m.put("incident_updates", List.of(u));
            m.put("components", w.components().stream().map(componentById::get).filter(java.util.Objects::nonNull)
                    .toList());
            m.put("scheduled_for", ts(w.startsAt()));
            m.put("scheduled_until", ts(w.endsAt()));
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> withPage() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("id", PAGE_ID);
        page.put("name", "Norsk Helsenett");
        page.put("url", baseUrl);
        page.put("time_zone", "Europe/Oslo");
        page.put("updated_at", ts(s.builtAt()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        return m;
    }

    Map<String, Object> status() {
        ComponentStatus o = s.board().overall();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("indicator", switch (o) {
            case OPERATIONAL -> "none";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
            case UNDER_MAINTENANCE -> "maintenance";
        });
        st.put("description", switch (o) {
            case OPERATIONAL -> "All Systems Operational";
            case DEGRADED_PERFORMANCE -> "Minor Service Outage";
            case PARTIAL_OUTAGE -> "Partial System Outage";
            case MAJOR_OUTAGE -> "Major Service Outage";
            case UNDER_MAINTENANCE -> "Service Under Maintenance";
        });
        return st;
    }

    /** Each category is a group component listing its members; members point back with {@code group_id}. */
    List<Map<String, Object>> components() {
        return componentList;
    }

    private final List<Map<String, Object>> componentList = new ArrayList<>();
    private final Map<String, Map<String, Object>> componentById = new HashMap<>();

    private void buildComponents() {
        int position = 1;
        for (StatusBoard.CategoryView cat : s.board().categories()) {
            String groupId = groupId(cat.name());
            Map<String, Object> g = component(groupId, cat.name(), cat.status(), null, s.builtAt(), position++, null);
            g.put("group", true);
            g.put("components", cat.components().stream().map(StatusBoard.ComponentView::id).toList());
            componentList.add(g);
            for (StatusBoard.ComponentView c : cat.components()) {
                Map<String, Object> m = component(c.id(), c.name(),
                        c.known() ? c.effective() : ComponentStatus.OPERATIONAL, c.description(),
                        c.since() == null ? s.builtAt() : c.since(), position++, groupId);
                componentList.add(m);
                componentById.put(c.id(), m);
            }
        }
    }

    private Map<String, Object> component(String id, String name, ComponentStatus status, String description,
                                          Instant updated, int position, String groupId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("status", status.wire());
        m.put("created_at", ts(updated));
        m.put("updated_at", ts(updated));
        m.put("position", position);
        m.put("description", description == null || description.isBlank() ? null : description);
        m.put("showcase", groupId != null);
        m.put("start_date", null);
        m.put("group_id", groupId);
        m.put("page_id", PAGE_ID);
        m.put("group", false);
        m.put("only_show_if_degraded", false);
        return m;
    }

    List<Map<String, Object>> incidents(boolean unresolvedOnly) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PublicFeed.PublicIncident i : s.feed().archive()) {
            if (unresolvedOnly && i.resolved()) {
                continue;
            }
            if (out.size() == 50) {
                break;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("name", i.title());
            m.put("status", incidentStatus(i.state()));
            m.put("created_at", ts(i.openedAt()));
            m.put("updated_at", ts(i.updatedAt()));
            m.put("monitoring_at", i.updates().stream().filter(u -> "monitoring".equals(u.state().wire()))
                    .map(TimelineEntry::at).min(Instant::compareTo).map(StatuspageV2::ts).orElse(null));
            m.put("resolved_at", i.resolvedAt() == null ? null : ts(i.resolvedAt()));
            m.put("impact", impact(i.priority()));
            m.put("shortlink", baseUrl + "/hendelser/" + i.id());
            m.put("started_at", ts(i.openedAt()));
            m.put("page_id", PAGE_ID);
            List<Map<String, Object>> updates = new ArrayList<>();
            int n = i.updates().size();
            for (TimelineEntry u : i.updates()) { // newest first, as Statuspage lists them
                Map<String, Object> um = new LinkedHashMap<>();
                um.put("id", i.id() + "-" + n--);
                um.put("status", incidentStatus(u.state().wire()));
                um.put("body", u.text());
                um.put("incident_id", i.id());
                um.put("created_at", ts(u.at()));
                um.put("updated_at", ts(u.at()));
                um.put("display_at", ts(u.at()));
                um.put("affected_components", null);
                um.put("deliver_notifications", true);
                um.put("custom_tweet", null);
                um.put("tweet_id", null);
                updates.add(um);
            }
            m.put("incident_updates", updates);
            Map<String, Object> c = componentById.get(i.componentId());
            m.put("components", c == null ? List.of() : List.of(c));
            out.add(m);
        }
        return out;
    }

    /** Statuspage knows investigating, identified, monitoring, resolved and postmortem. */
    static String incidentStatus(String state) {
        return switch (state) {
            case "identified", "monitoring", "resolved" -> state;
            case "closed" -> "resolved";
            default -> "investigating";
        };
    }

    static String impact(Priority p) {
        if (p == null) {
            return "none";
        }
        return switch (p) {
            case P1 -> "critical";
            case P2 -> "major";
            case P3 -> "minor";
            case P4 -> "none";
        };
    }

    static String groupId(String category) {
        String slug = java.text.Normalizer.normalize(category.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replace("ø", "o").replace("æ", "ae").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "group-" + slug;
    }

    static String ts(Instant t) {
        return t == null ? null : TS.format(t);
    }
}

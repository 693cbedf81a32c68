package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who was told what about an incident or a problem: ledger counts and rows, subscriber ids only. Served under
 * {@code /api/v1/incidents/{id}/notifications} and {@code /api/v1/problems/{id}/notifications}.
 */
@ApplicationScoped
public class DeliveryQueries {

    @Inject
    NotifyStore store;

    public Map<String, Object> forIncident(String id, Integer limit) throws SQLException {
        try (Connection c = store.connection()) {
            return body(c, id, store.subjectOf(c, id).orElse(null), limit);
        }
    }

    public Map<String, Object> forProblem(String id, Integer limit) throws SQLException {
        try (Connection c = store.connection()) {
            return body(c, id, id, limit);
        }
    }

    private Map<String, Object> body(Connection c, String asked, String subject, Integer limit) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", asked);
        out.put("subject", subject);
        out.put("summary", subject == null ? List.of() : store.deliverySummary(c, subject));
        out.put("deliveries", subject == null ? List.of()
                : store.deliveries(c, subject, limit == null ? 500 : Math.min(10_000, limit)));
        return out;
    }
}

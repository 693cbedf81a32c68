package no.nhn.driftsvakt.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The event ids in the outbox, for tests that check which events a transaction wrote and in what order. */
public final class OutboxEvents {

    private OutboxEvents() {
    }

    /** The {@code eventId} of every outbox row of {@code topic} with one of these keys, in the order written. */
    public static List<String> eventIds(Connection c, String topic, String... keys) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM outbox WHERE topic = ? AND key = ANY (?) ORDER BY id")) {
            ps.setString(1, topic);
            ps.setArray(2, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String p = rs.getString(1);
                    int at = p.indexOf("\"eventId\":\"") + 11;
                    out.add(p.substring(at, p.indexOf('"', at)));
                }
            }
        }
        return out;
    }
}

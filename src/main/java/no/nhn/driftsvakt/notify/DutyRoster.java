package no.nhn.driftsvakt.notify;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * The weekly Incident Manager rotation as stored ({@code duty_rotation}: week → subscriber) with its handover from
 * {@code driftsvakt.duty.handover} (default {@code MONDAY 08:00 Europe/Oslo}), and who gets a staff alert now.
 */
@ApplicationScoped
public class DutyRoster {

    @Inject
    NotifyStore store;

    @ConfigProperty(name = "driftsvakt.duty.handover", defaultValue = "MONDAY 08:00 Europe/Oslo")
    String handover;

    private volatile DutyRotation rotation;

    void start(@Observes StartupEvent ev) {
        rotation(); // a bad handover stops the start, naming the key
    }

    public DutyRotation rotation() {
        DutyRotation r = rotation;
        if (r == null) {
            r = DutyRotation.parse(handover);
            rotation = r;
        }
        return r;
    }

    /** The roster from week {@code from} to week {@code to}, both included (week → subscriber id). */
    public Map<LocalDate, String> weeks(Connection c, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, String> out = new TreeMap<>();
        // A rostered contact since erased no longer counts: that week falls back to the incident-manager duty role.
        try (PreparedStatement ps = c.prepareStatement("SELECT r.week_start, r.subscriber_id FROM duty_rotation r "
                + "JOIN subscriber s ON s.id = r.subscriber_id AND s.erased_at IS NULL "
                + "WHERE r.week_start BETWEEN ? AND ? ORDER BY r.week_start")) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getDate(1).toLocalDate(), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Puts someone on the roster for a week, or (subscriber null) clears the week so it falls back to the duty role. */
    public void set(Connection c, LocalDate week, String subscriberId, String by, Instant at) throws SQLException {
        if (subscriberId == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM duty_rotation WHERE week_start = ?")) {
                ps.setDate(1, Date.valueOf(week));
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO duty_rotation (week_start, subscriber_id, set_by, "
                + "set_at) VALUES (?,?,?,?) ON CONFLICT (week_start) DO UPDATE SET subscriber_id = excluded.subscriber_id, "
                + "set_by = excluded.set_by, set_at = excluded.set_at")) {
            ps.setDate(1, Date.valueOf(week));
            ps.setString(2, subscriberId);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** The Incident Manager at {@code t}: the rotation's for that week, else the duty role's. */
    public Optional<DutyRotation.OnDuty> incidentManagerAt(Connection c, Instant t) throws SQLException {
        LocalDate week = rotation().weekOf(t);
        return rotation().incidentManagerAt(t, weeks(c, week, week),
                Optional.ofNullable(store.duty(c).get("incident-manager")));
    }

    /** Who gets a staff alert at {@code now} ({@link StaffAlerts#onDutyAt}). */
    public Optional<String> alertedAt(Connection c, Instant now) throws SQLException {
        LocalDate week = rotation().weekOf(now);
        return StaffAlerts.onDutyAt(now, rotation(), weeks(c, week, week), store.duty(c));
    }
}

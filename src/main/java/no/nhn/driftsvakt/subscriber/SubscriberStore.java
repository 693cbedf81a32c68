package no.nhn.driftsvakt.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.ChannelState;

/** Subscribers, their groups, chosen components, consent records and opt-in challenges in PostgreSQL. */
@ApplicationScoped
public class SubscriberStore {

    private static final String COLUMNS = "id, name, organisation, phone, email, webhook_url, language, notify_window, "
            + "all_components, sms_state, email_state, webhook_state, unsubscribe_token, created_at, erased_at";

    @Inject
    DataSource ds;

    /** One consent event. */
    public record ConsentRecord(String channel, String action, String method, String textVersion, String text,
                                Instant at) {
    }

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    public String nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('subscriber_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("SUB-%06d", rs.getLong(1));
        }
    }

    /** The subscriber using this phone number or e-mail address, if any (erased ones have neither). */
    public Optional<String> idByAddress(Connection c, String phone, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM subscriber WHERE phone = ? OR lower(email) = lower(?) LIMIT 1")) {
            ps.setString(1, phone);
            ps.setString(2, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void insert(Connection c, Subscriber s, Instant now) throws SQLException {
        Contact k = s.contact();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (id, name, organisation, phone, email, "
                + "webhook_url, language, notify_window, all_components, sms_state, email_state, webhook_state, "
                + "unsubscribe_token, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, s.id());
            ps.setString(2, k.name());
            ps.setString(3, k.organisation());
            ps.setString(4, k.phone());
            ps.setString(5, k.email());
            ps.setString(6, k.webhookUrl());
            ps.setString(7, k.language());
            ps.setString(8, k.window());
            ps.setBoolean(9, k.components().isEmpty());
            ps.setString(10, wire(s.channels().get(Channel.SMS)));
            ps.setString(11, wire(s.channels().get(Channel.EMAIL)));
            ps.setString(12, wire(s.channels().get(Channel.WEBHOOK)));
            ps.setString(13, s.unsubscribeToken());
            ps.setTimestamp(14, Timestamp.from(now));
            ps.setTimestamp(15, Timestamp.from(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber_group (subscriber_id, group_id) "
                + "SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            ps.setString(1, s.id());
            ps.setArray(2, c.createArrayOf("text", k.groups().toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (subscriber_id, component_id) "
                + "SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            ps.setString(1, s.id());
            ps.setArray(2, c.createArrayOf("text", k.components().toArray()));
            ps.executeUpdate();
        }
    }

    /** The secret the subscriber's webhook signatures are made with. */
    public void setWebhookSecret(Connection c, String id, String secret) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET webhook_secret = ? WHERE id = ?")) {
            ps.setString(1, secret);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    public Optional<String> webhookSecret(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT webhook_secret FROM subscriber WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<Subscriber> find(Connection c, String id) throws SQLException {
        List<Subscriber> l = query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public Optional<Subscriber> findByToken(Connection c, String token) throws SQLException {
        List<Subscriber> l = query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE unsubscribe_token = ?", token);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public Optional<Subscriber> findByPhone(Connection c, String phone) throws SQLException {
        List<Subscriber> l = query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE phone = ?", phone);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Subscribers of a customer group (not erased), in id order. */
    public List<Subscriber> byGroup(Connection c, String group) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE erased_at IS NULL AND id IN "
                + "(SELECT subscriber_id FROM subscriber_group WHERE group_id = ?) ORDER BY id", group);
    }

    /**
     * Subscribers (not erased) matching a search, in id order, at most {@code limit}: by id, phone number or e-mail
     * address (whole, normalised) or a part of the name or organisation; {@code group} narrows to one customer
     * group. Both empty: every subscriber.
     *
     * @param phone the term as an E.164 number, when it is one
     */
    public List<Subscriber> search(Connection c, String term, String phone, String group, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM subscriber WHERE erased_at IS NULL");
        List<String> args = new ArrayList<>();
        if (term != null) {
            sql.append(" AND (id = upper(?) OR lower(email) = lower(?) OR phone = ? OR name ILIKE ? ESCAPE '\\' "
                    + "OR organisation ILIKE ? ESCAPE '\\')");
            String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.addAll(List.of(term, term, phone == null ? term : phone, like, like));
        }
        if (group != null) {
            sql.append(" AND id IN (SELECT subscriber_id FROM subscriber_group WHERE group_id = ?)");
            args.add(group);
        }
        sql.append(" ORDER BY id LIMIT ").append(Math.max(1, limit));
        return query(c, sql.toString(), args.toArray(new String[0]));
    }

    /** How many subscribers (not erased) each customer group has. */
    public Map<String, Long> countsByGroup(Connection c) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.group_id, count(*) FROM subscriber_group g JOIN "
                + "subscriber s ON s.id = g.subscriber_id WHERE s.erased_at IS NULL GROUP BY g.group_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    public void setState(Connection c, String id, Channel channel, ChannelState state, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET " + channel.wire() + "_state = ?, "
                + "updated_at = ? WHERE id = ? AND " + channel.wire() + "_state IS NOT NULL")) {
            ps.setString(1, state.wire());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /**
     * Erasure: name, organisation, addresses and webhook secret are deleted, every channel is opted out, open
     * challenges and local-outbox copies go. Consent records and ledger rows stay, with the id only.
     */
    public void erase(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET name = NULL, organisation = NULL, "
                + "phone = NULL, email = NULL, webhook_url = NULL, webhook_secret = NULL, "
                + "sms_state = CASE WHEN sms_state IS NULL THEN NULL ELSE 'opted-out' END, "
                + "email_state = CASE WHEN email_state IS NULL THEN NULL ELSE 'opted-out' END, "
                + "webhook_state = CASE WHEN webhook_state IS NULL THEN NULL ELSE 'opted-out' END, "
                + "erased_at = ?, updated_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.executeUpdate();
        }
        for (String sql : List.of("DELETE FROM consent_challenge WHERE subscriber_id = ?",
                "DELETE FROM local_outbox WHERE subscriber_id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
    }

    public void addConsent(Connection c, String id, ConsentRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_record (subscriber_id, channel, action, "
                + "method, text_version, text, at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, r.channel());
            ps.setString(3, r.action());
            ps.setString(4, r.method());
            ps.setString(5, r.textVersion());
            ps.setString(6, r.text());
            ps.setTimestamp(7, Timestamp.from(r.at()));
            ps.executeUpdate();
        }
    }

    public List<ConsentRecord> consents(Connection c, String id) throws SQLException {
        List<ConsentRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT channel, action, method, text_version, text, at FROM "
                + "consent_record WHERE subscriber_id = ? ORDER BY id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConsentRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    /** Stores (or replaces) the channel's opt-in challenge: the SHA-256 of the code or link token. */
    public void putChallenge(Connection c, String id, Channel channel, String secretSha256, Instant expires)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_challenge (subscriber_id, channel, "
                + "secret_sha256, attempts, expires_at) VALUES (?,?,?,0,?) ON CONFLICT (subscriber_id, channel) DO "
                + "UPDATE SET secret_sha256 = excluded.secret_sha256, attempts = 0, expires_at = excluded.expires_at")) {
            ps.setString(1, id);
            ps.setString(2, channel.wire());
            ps.setString(3, secretSha256);
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.executeUpdate();
        }
    }

    /** The challenge, locked for update: {secret_sha256, attempts, expires_at}. */
    public Optional<Object[]> challenge(Connection c, String id, Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret_sha256, attempts, expires_at FROM "
                + "consent_challenge WHERE subscriber_id = ? AND channel = ? FOR UPDATE")) {
            ps.setString(1, id);
            ps.setString(2, channel.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Object[] {rs.getString(1), rs.getInt(2),
                        rs.getTimestamp(3).toInstant()}) : Optional.empty();
            }
        }
    }

    /** The subscriber whose e-mail challenge has this secret hash, if any. */
    public Optional<String> idByEmailChallenge(Connection c, String secretSha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM consent_challenge WHERE channel = "
                + "'email' AND secret_sha256 = ?")) {
            ps.setString(1, secretSha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void countAttempt(Connection c, String id, Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE consent_challenge SET attempts = attempts + 1 "
                + "WHERE subscriber_id = ? AND channel = ?")) {
            ps.setString(1, id);
            ps.setString(2, channel.wire());
            ps.executeUpdate();
        }
    }

    public void dropChallenge(Connection c, String id, Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM consent_challenge WHERE subscriber_id = ? AND "
                + "channel = ?")) {
            ps.setString(1, id);
            ps.setString(2, channel.wire());
            ps.executeUpdate();
        }
    }

    private List<Subscriber> query(Connection c, String sql, String... args) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] r = new Object[15];
                    for (int i = 0; i < 15; i++) {
                        r[i] = rs.getObject(i + 1);
                    }
                    rows.put(rs.getString(1), r);
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> groups = links(c, "SELECT subscriber_id, group_id FROM subscriber_group "
                + "WHERE subscriber_id = ANY (?) ORDER BY group_id", rows.keySet());
        Map<String, List<String>> comps = links(c, "SELECT subscriber_id, component_id FROM subscription "
                + "WHERE subscriber_id = ANY (?) ORDER BY component_id", rows.keySet());
        List<Subscriber> out = new ArrayList<>();
        for (Object[] r : rows.values()) {
            String id = (String) r[0];
            Contact contact = new Contact((String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], groups.getOrDefault(id, List.of()),
                    Boolean.TRUE.equals(r[8]) ? List.of() : comps.getOrDefault(id, List.of()));
            Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
            put(channels, Channel.SMS, (String) r[9]);
            put(channels, Channel.EMAIL, (String) r[10]);
            put(channels, Channel.WEBHOOK, (String) r[11]);
            out.add(new Subscriber(id, contact, channels, (String) r[12], ((Timestamp) r[13]).toInstant(),
                    r[14] == null ? null : ((Timestamp) r[14]).toInstant()));
        }
        return out;
    }

    private static Map<String, List<String>> links(Connection c, String sql, java.util.Collection<String> ids)
            throws SQLException {
        Map<String, List<String>> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static void put(Map<Channel, ChannelState> m, Channel ch, String state) {
        if (state != null) {
            m.put(ch, ChannelState.fromWire(state));
        }
    }

    private static String wire(ChannelState s) {
        return s == null ? null : s.wire();
    }
}

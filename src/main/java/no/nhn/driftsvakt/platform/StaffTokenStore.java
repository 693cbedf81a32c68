package no.nhn.driftsvakt.platform;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Staff API tokens in PostgreSQL: created (the token is returned once, only its SHA-256 kept), listed, revoked. */
@ApplicationScoped
public class StaffTokenStore {

    /** A name the timeline and audit log can show: letters, digits, space and {@code . _ -}, 1–60 characters. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,60}");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource ds;

    /** A token as listed: never its secret or its hash. */
    public record StaffToken(String id, String name, Instant createdAt, String createdBy, Instant revokedAt,
                             String revokedBy, Instant lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A token just created: the only time {@code token} is known. */
    public record Created(StaffToken info, String token) {
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.isBlank();
    }

    public Created create(String name, String actor) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "dvs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        String id = "TOK-" + java.util.HexFormat.of().formatHex(idBytes);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO staff_token "
                + "(id, name, sha256, created_by) VALUES (?,?,?,?) RETURNING " + COLUMNS)) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, Tokens.sha256Hex(token));
            ps.setString(4, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Created(row(rs), token);
            }
        }
    }

    /** Revokes an active token; empty when there is no such token. Revoking twice keeps the first revocation. */
    public Optional<StaffToken> revoke(String id, String actor) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE staff_token SET "
                + "revoked_at = now(), revoked_by = ? WHERE id = ? AND revoked_at IS NULL RETURNING " + COLUMNS)) {
            ps.setString(1, actor);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : find(id);
            }
        }
    }

    public Optional<StaffToken> find(String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM staff_token WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** All tokens, active first, newest first. */
    public List<StaffToken> list() throws SQLException {
        List<StaffToken> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM staff_token ORDER BY revoked_at IS NOT NULL, created_at DESC LIMIT 1000");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** SHA-256 (hex) → name of every active token. */
    Map<String, String> activeHashes() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sha256, name FROM staff_token WHERE revoked_at IS NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Records that tokens were used (at most one write per token per minute). */
    void touch(java.util.Collection<String> hashes) throws SQLException {
        if (hashes.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE staff_token SET "
                + "last_used_at = now() WHERE sha256 = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
            ps.executeUpdate();
        }
    }

    private static final String COLUMNS = "id, name, created_at, created_by, revoked_at, revoked_by, last_used_at";

    private static StaffToken row(ResultSet rs) throws SQLException {
        return new StaffToken(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getString(4),
                instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

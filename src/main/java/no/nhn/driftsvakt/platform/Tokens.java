package no.nhn.driftsvakt.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Bearer token helpers: extraction, hashing, and comparison in constant time. */
public final class Tokens {

    private Tokens() {
    }

    /** The token of an {@code Authorization: Bearer ...} header, if there is one. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String t = authorization.substring(7).trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    /** Looking a digest up by name costs more than hashing a token; each thread keeps its own. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    public static String sha256Hex(String token) {
        MessageDigest d = SHA256.get();
        d.reset();
        return HexFormat.of().formatHex(d.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the SHA-256 of {@code token} equals {@code expectedSha256Hex}, compared in constant time. */
    public static boolean matchesSha256(String token, String expectedSha256Hex) {
        return constantTimeEquals(sha256Hex(token), expectedSha256Hex);
    }
}

package no.nhn.driftsvakt.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keys for what console pages sign (notices, CSRF tokens): derived per purpose from the session encryption key, so
 * every replica agrees; a random key per process when none is configured (single replica, embedded default).
 */
final class ConsoleKeys {

    private static final byte[] ROOT = root();

    private ConsoleKeys() {
    }

    /** HMAC-SHA256 of {@code text} under the key for {@code purpose}, hex, 128 bits. */
    static String mac(String purpose, String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(
                    concat(ROOT, purpose.getBytes(StandardCharsets.UTF_8))), "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] root() {
        Optional<String> session = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.auth.session.encryption-key", String.class);
        if (session.isEmpty()) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return k;
        }
        return session.get().getBytes(StandardCharsets.UTF_8);
    }
}

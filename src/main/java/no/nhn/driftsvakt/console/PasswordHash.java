package no.nhn.driftsvakt.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for local console users: {@code pbkdf2$<iterations>$<salt, base64>$<hash, base64>} with
 * PBKDF2-HMAC-SHA256, compared in constant time. {@code main} prints a hash for a password read from standard
 * input, for the configuration: {@code java -cp target/classes no.nhn.driftsvakt.console.PasswordHash}.
 */
public final class PasswordHash {

    static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static String create(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /** True when {@code password} matches {@code stored}; false for a wrong password or a malformed hash. */
    public static boolean matches(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2")) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            if (iterations < 10_000 || salt.length < 8 || expected.length < 16) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a configured hash is well-formed (checked at start, so a typo is found before anyone logs in). */
    public static boolean wellFormed(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        try {
            return p.length == 4 && p[0].equals("pbkdf2") && Integer.parseInt(p[1]) >= 10_000
                    && Base64.getDecoder().decode(p[2]).length >= 8 && Base64.getDecoder().decode(p[3]).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws java.io.IOException {
        java.io.Console c = System.console();
        char[] pw = c != null ? c.readPassword("Passord / password: ")
                : new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine().toCharArray();
        System.out.println(create(pw));
    }
}

package no.nhn.driftsvakt.console;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import no.nhn.driftsvakt.platform.Tokens;

/**
 * CSRF protection for console forms (double submit): a random token in an HttpOnly, SameSite=Strict cookie
 * scoped to {@code /console}, repeated by the server in every form as a hidden field; a POST is accepted only when
 * the two match (compared in constant time). Together with the SameSite=Strict session cookie, a form posted from
 * another site cannot act for a logged-in user.
 */
public final class ConsoleCsrf {

    public static final String COOKIE = "driftsvakt-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleCsrf() {
    }

    /** The token to put in forms: the cookie's, or a new one (then {@link #cookie} must be set). */
    public static String tokenFor(String cookieValue) {
        if (cookieValue != null && cookieValue.length() >= 32) {
            return cookieValue;
        }
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/console").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    public static boolean valid(String cookieValue, String fieldValue) {
        return cookieValue != null && fieldValue != null && cookieValue.length() >= 32
                && Tokens.constantTimeEquals(cookieValue, fieldValue);
    }
}

package no.nhn.driftsvakt.console;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import io.quarkus.security.identity.SecurityIdentity;
import no.nhn.driftsvakt.platform.Tokens;

/**
 * CSRF protection for console forms: a signed double submit. The token is {@code <random>.<HMAC(random, user)>}; it
 * sits in an HttpOnly, SameSite=Strict cookie scoped to {@code /console} and is repeated by the server in every
 * form as a hidden field. A POST is accepted only when the two match (compared in constant time) and the signature
 * holds for the signed-in user. A cookie planted by a sibling host of the same site (cookie tossing) carries no
 * valid signature for the victim, so it cannot be used to forge a form either.
 */
public final class ConsoleCsrf {

    public static final String COOKIE = "driftsvakt-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleCsrf() {
    }

    /** The token to put in forms: the cookie's if it is valid for this user, or a new one (then set the cookie). */
    public static String tokenFor(String cookieValue, SecurityIdentity user) {
        if (signedFor(cookieValue, name(user))) {
            return cookieValue;
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return nonce + "." + ConsoleKeys.mac("csrf", nonce + "\n" + name(user));
    }

    public static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/console").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** True when the form's token is the cookie's and was issued to this user. */
    public static boolean valid(String cookieValue, String fieldValue, SecurityIdentity user) {
        return cookieValue != null && fieldValue != null && Tokens.constantTimeEquals(cookieValue, fieldValue)
                && signedFor(cookieValue, name(user));
    }

    static boolean signedFor(String token, String user) {
        if (token == null || user == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 32 || dot == token.length() - 1) {
            return false;
        }
        return Tokens.constantTimeEquals(token.substring(dot + 1),
                ConsoleKeys.mac("csrf", token.substring(0, dot) + "\n" + user));
    }

    private static String name(SecurityIdentity user) {
        return user == null || user.isAnonymous() ? null : user.getPrincipal().getName();
    }
}

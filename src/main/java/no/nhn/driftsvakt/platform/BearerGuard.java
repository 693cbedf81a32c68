package no.nhn.driftsvakt.platform;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

/** Checks a bearer token against configured SHA-256 hashes, in constant time; 401 without, 403 with a wrong one. */
public final class BearerGuard {

    private BearerGuard() {
    }

    /**
     * @param hashes SHA-256 (hex) of the accepted tokens; none configured means nobody is let in
     * @param what   which kind of token, for the error text (e.g. "ingest", "admin")
     * @return empty when allowed, otherwise the response to send
     */
    public static Optional<Response> check(String authorization, List<String> hashes, String what) {
        Optional<String> token = Tokens.bearer(authorization);
        if (token.isEmpty()) {
            return Optional.of(Response.fromResponse(Problem.response(401, "Mangler token / Missing token",
                    "Send Authorization: Bearer <" + what + " token>.", "Authorization"))
                    .header("WWW-Authenticate", "Bearer").build());
        }
        boolean ok = false;
        for (String h : hashes) {
            ok |= Tokens.matchesSha256(token.get(), h.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return ok ? Optional.empty() : Optional.of(Problem.response(403, "Ugyldig token / Invalid token",
                "The token is not a valid " + what + " token.", "Authorization"));
    }
}

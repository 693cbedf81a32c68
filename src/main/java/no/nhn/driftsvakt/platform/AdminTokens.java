package no.nhn.driftsvakt.platform;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards admin endpoints for machine clients: a bearer token whose SHA-256 is configured in
 * {@code driftsvakt.security.admin-token-sha256} (comma-separated, so tokens can be rotated).
 */
@ApplicationScoped
public class AdminTokens {

    @ConfigProperty(name = "driftsvakt.security.admin-token-sha256")
    Optional<List<String>> hashes;

    /** @return empty when allowed, otherwise the 401 response to send */
    public Optional<Response> check(String authorization) {
        Optional<String> token = Tokens.bearer(authorization);
        if (token.isEmpty()) {
            return Optional.of(Response.fromResponse(Problem.response(401, "Mangler token / Missing token",
                    "Send Authorization: Bearer <admin token>.", "Authorization"))
                    .header("WWW-Authenticate", "Bearer").build());
        }
        boolean ok = false;
        for (String h : hashes.orElse(List.of())) {
            ok |= Tokens.matchesSha256(token.get(), h.trim());
        }
        return ok ? Optional.empty() : Optional.of(Problem.response(403, "Ugyldig token / Invalid token",
                "The token is not an admin token.", "Authorization"));
    }
}

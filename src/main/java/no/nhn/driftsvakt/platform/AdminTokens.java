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

    /** @return empty when allowed, otherwise the 401 or 403 response to send */
    public Optional<Response> check(String authorization) {
        return BearerGuard.check(authorization, hashes.orElse(List.of()), "admin");
    }
}

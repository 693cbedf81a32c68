package no.nhn.driftsvakt.platform;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer tokens for staff API clients until people log in (console issue): each configured as
 * {@code name:sha256hex} in {@code driftsvakt.security.staff-tokens}; the name is who the timeline says acted.
 */
@ApplicationScoped
public class StaffTokens {

    @ConfigProperty(name = "driftsvakt.security.staff-tokens")
    Optional<List<String>> entries;

    /** The caller's name, or the 401/403 to send. */
    public Result check(String authorization) {
        Optional<String> token = Tokens.bearer(authorization);
        if (token.isEmpty()) {
            return new Result(null, BearerGuard.check(authorization, List.of(), "staff").orElseThrow());
        }
        String hash = Tokens.sha256Hex(token.get());
        String who = null;
        for (String e : entries.orElse(List.of())) {
            int colon = e.indexOf(':');
            if (colon > 0 && Tokens.constantTimeEquals(hash,
                    e.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT))) {
                who = e.substring(0, colon).trim();
            }
        }
        return who != null ? new Result(who, null) : new Result(null, Problem.response(403,
                "Ugyldig token / Invalid token", "The token is not a valid staff token.", "Authorization"));
    }

    /** Either the actor's name or the response refusing the request. */
    public record Result(String actor, Response denied) {
        public boolean ok() {
            return actor != null;
        }
    }
}

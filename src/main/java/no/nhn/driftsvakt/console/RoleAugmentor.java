package no.nhn.driftsvakt.console;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns the roles an identity arrives with (from an OpenID Connect provider's claim, or from local users) into
 * console roles: an IdP role is taken by name ({@code admin}) or through {@code driftsvakt.console.oidc-roles}
 * ({@code NHN-Kundesenter:kundesenter,...}), and each console role brings the roles it implies (admin ⊇
 * incident-manager ⊇ kundesenter ⊇ viewer). Unknown roles are kept but grant nothing in the console.
 */
@ApplicationScoped
public class RoleAugmentor implements SecurityIdentityAugmentor {

    @ConfigProperty(name = "driftsvakt.console.oidc-roles")
    Optional<List<String>> mapping;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = consoleRoles(identity.getRoles(), parse(mapping.orElse(List.of())));
        if (identity.getRoles().containsAll(roles)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
    }

    /** The console roles (with those implied) for the roles an identity has. Pure. */
    static Set<String> consoleRoles(Set<String> given, Map<String, String> mapping) {
        Set<String> out = new HashSet<>();
        for (String g : given) {
            String mapped = mapping.getOrDefault(g.toLowerCase(Locale.ROOT), g);
            Role.of(mapped).ifPresent(r -> r.withImplied().forEach(x -> out.add(x.id())));
        }
        return out;
    }

    /** {@code idp-role:console-role} pairs; keys compared without case. */
    static Map<String, String> parse(List<String> pairs) {
        return pairs.stream().map(String::trim).filter(p -> p.indexOf(':') > 0)
                .collect(Collectors.toMap(p -> p.substring(0, p.lastIndexOf(':')).trim().toLowerCase(Locale.ROOT),
                        p -> p.substring(p.lastIndexOf(':') + 1).trim(), (a, b) -> b));
    }
}

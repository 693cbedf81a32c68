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
 * Turns the roles an identity arrives with into console roles, each with the roles it implies (admin ⊇
 * incident-manager ⊇ kundesenter ⊇ viewer). For an OpenID Connect identity the IdP's roles are replaced: when
 * {@code driftsvakt.console.oidc-roles} maps IdP roles ({@code NHN-Kundesenter:kundesenter,...}) only mapped roles
 * count — a group that happens to be called {@code admin} in a claim shared with other applications grants nothing —
 * and without a mapping IdP roles named like console roles count. Local users' roles are console roles already.
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
        Map<String, String> map = parse(mapping.orElse(List.of()));
        Set<String> roles = consoleRoles(identity.getRoles(), map);
        if (identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken) {
            // From the IdP: the console roles only, never the IdP's own role names
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                    .addRoles(roles).build());
        }
        if (identity.getRoles().containsAll(roles)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
    }

    /**
     * The console roles (with those implied) for the roles an identity has: through the mapping when there is one
     * (only mapped roles count), else by name. Pure.
     */
    static Set<String> consoleRoles(Set<String> given, Map<String, String> mapping) {
        Set<String> out = new HashSet<>();
        for (String g : given) {
            String mapped = mapping.isEmpty() ? g : mapping.get(g.toLowerCase(Locale.ROOT));
            if (mapped != null) {
                Role.of(mapped).ifPresent(r -> r.withImplied().forEach(x -> out.add(x.id())));
            }
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

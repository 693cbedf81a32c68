package no.nhn.driftsvakt.console;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a console login (form authentication) against the local users in configuration. The identity gets the
 * user's roles and every role they imply. Hashing runs off the event loop. Failed logins are logged with the
 * user name only (never the password).
 */
@ApplicationScoped
public class LocalIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(LocalIdentityProvider.class);

    @Inject
    ConsoleUsers config;

    void check(@Observes StartupEvent ev) {
        config.users().forEach((name, u) -> {
            if (!PasswordHash.wellFormed(u.passwordHash())) {
                throw new IllegalStateException("driftsvakt.console.users.\"" + name + "\".password-hash is not a "
                        + "pbkdf2$<iterations>$<salt>$<hash> value; make one with "
                        + "java -cp target/classes no.nhn.driftsvakt.console.PasswordHash");
            }
            for (String r : u.roles()) {
                if (Role.of(r).isEmpty()) {
                    throw new IllegalStateException("driftsvakt.console.users.\"" + name + "\".roles: '" + r
                            + "' is not one of viewer, kundesenter, incident-manager, problem-manager, admin");
                }
            }
        });
        LOG.infof("Console: %d local users", config.users().size());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String name = request.getUsername();
            ConsoleUsers.User u = name == null ? null : config.users().get(name);
            if (u == null || !PasswordHash.matches(request.getPassword().getPassword(), u.passwordHash())) {
                LOG.infof("Console login refused for user '%s'", name == null ? "" : name.replaceAll("[^\\w.@-]", "?"));
                throw new AuthenticationFailedException();
            }
            SecurityIdentity id = identity(name, u);
            LOG.infof("Console login: %s (%s)", name, String.join(", ", id.getRoles()));
            return id;
        });
    }

    /** The identity of a local user: their roles and every role those imply. */
    static SecurityIdentity identity(String name, ConsoleUsers.User u) {
        Set<String> roles = new LinkedHashSet<>();
        u.roles().forEach(r -> Role.of(r).ifPresent(role -> role.withImplied().forEach(x -> roles.add(x.id()))));
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
    }
}

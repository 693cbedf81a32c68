package no.nhn.driftsvakt.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Console login configuration: local users ({@code driftsvakt.console.users."<name>".password-hash} and
 * {@code .roles}) for the embedded default and installations without an identity provider, and for OpenID Connect
 * the claim that carries roles and how IdP roles map to console roles.
 */
@ConfigMapping(prefix = "driftsvakt.console")
public interface ConsoleUsers {

    Map<String, User> users();

    /** Whether console cookies (session, CSRF) carry Secure; on in production. */
    @WithDefault("true")
    boolean secureCookies();

    /** OpenID Connect: the ID-token claim holding the user's roles or groups. */
    @WithDefault("roles")
    String rolesClaim();

    /** OpenID Connect: {@code idp-role:console-role} pairs, for IdP roles not named like console roles. */
    Optional<List<String>> oidcRoles();

    interface User {
        /** {@link PasswordHash} format. */
        String passwordHash();

        List<String> roles();
    }
}

package no.nhn.driftsvakt.console;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * Local console users ({@code driftsvakt.console.users."<name>".password-hash} and {@code .roles}), for the
 * embedded default and installations without an identity provider.
 */
@ConfigMapping(prefix = "driftsvakt.console")
public interface ConsoleUsers {

    Map<String, User> users();

    interface User {
        /** {@link PasswordHash} format. */
        String passwordHash();

        List<String> roles();
    }
}

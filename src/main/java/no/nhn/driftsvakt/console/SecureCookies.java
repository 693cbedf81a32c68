package no.nhn.driftsvakt.console;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;

/**
 * Marks the console's cookies {@code Secure} when {@code driftsvakt.console.secure-cookies} is on (production).
 * Quarkus sets {@code Secure} on its form-login cookie only when the connection itself is TLS, which it is not
 * behind an ingress that terminates TLS; this adds it to every console cookie on the way out.
 */
@ApplicationScoped
public class SecureCookies {

    /** Cookies of ours: the form-login session, the CSRF token, and the OpenID Connect session and state. */
    static final List<String> OURS = List.of("driftsvakt-", "q_session", "q_auth");

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "true")
    boolean secure;

    void register(@Observes Filters filters) {
        if (!secure) {
            return;
        }
        filters.register(rc -> {
            HttpServerResponse r = rc.response();
            rc.addHeadersEndHandler(v -> {
                // cookies set through Vert.x (the form login's) are encoded after this handler: mark them here
                for (io.vertx.core.http.Cookie c : rc.request().cookies()) {
                    if (c instanceof io.vertx.core.http.impl.ServerCookie sc && sc.isChanged() && !c.isSecure()
                            && OURS.stream().anyMatch(c.getName().toLowerCase(Locale.ROOT)::startsWith)) {
                        c.setSecure(true);
                    }
                }
                // those written as headers (JAX-RS) are rewritten
                List<String> cookies = r.headers().getAll("Set-Cookie");
                if (cookies.stream().anyMatch(c -> !c.equals(secured(c)))) {
                    r.headers().remove("Set-Cookie");
                    cookies.forEach(c -> r.headers().add("Set-Cookie", secured(c)));
                }
            });
            rc.next();
        }, 10_000); // before the authentication handlers, which answer the login POST themselves
    }

    /** The {@code Set-Cookie} value with {@code Secure} added, if it is one of ours and lacks it. Pure. */
    static String secured(String setCookie) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        boolean ours = OURS.stream().anyMatch(lower::startsWith);
        boolean already = java.util.Arrays.stream(lower.split(";")).map(String::trim).anyMatch("secure"::equals);
        return ours && !already ? setCookie + "; Secure" : setCookie;
    }
}

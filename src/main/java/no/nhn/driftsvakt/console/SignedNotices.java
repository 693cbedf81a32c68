package no.nhn.driftsvakt.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;


/**
 * Console pages show a notice ({@code ?ok=…} or {@code ?feil=…}) after a form was handled. Only notices this service
 * wrote may be shown: the redirect after a console form gets a signature over them ({@code &sig=}, HMAC-SHA256 with
 * a key derived from the session key, so every replica agrees), and a console page request whose notices are not
 * signed so has them removed before any page sees them. A crafted link cannot put text of its own in front of staff.
 */
@Provider
@PreMatching
public class SignedNotices implements ContainerRequestFilter, ContainerResponseFilter {

    static final List<String> NOTICES = List.of("ok", "feil");

    @Override
    public void filter(ContainerRequestContext req) {
        URI uri = req.getUriInfo().getRequestUri();
        // (the login page's "?feil=1" comes from Quarkus' form login and shows a fixed text only)
        if (!uri.getPath().startsWith("/console") || uri.getPath().startsWith("/console/logg-inn")
                || uri.getRawQuery() == null) {
            return;
        }
        String stripped = verified(uri.getRawQuery());
        if (!stripped.equals(uri.getRawQuery())) {
            req.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + (stripped.isEmpty() ? "" : "?" + stripped)));
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String location = res.getHeaderString(HttpHeaders.LOCATION);
        if (location == null || !req.getUriInfo().getPath().startsWith("/console") || res.getStatus() / 100 != 3) {
            return;
        }
        int q = location.indexOf('?');
        if (q < 0) {
            return;
        }
        res.getHeaders().putSingle(HttpHeaders.LOCATION, location.substring(0, q + 1) + signed(location.substring(q + 1)));
    }

    /** The query with a signature over its notices appended (unchanged if it has none). Pure but for the key. */
    static String signed(String rawQuery) {
        Optional<String> notices = notices(rawQuery);
        return notices.isEmpty() ? rawQuery : rawQuery + "&sig=" + mac(notices.get());
    }

    /** The query as given if its notices are signed, else without its notices and signature. */
    static String verified(String rawQuery) {
        Optional<String> notices = notices(rawQuery);
        String sig = param(rawQuery, "sig");
        if (notices.isEmpty() || (sig != null && java.security.MessageDigest.isEqual(
                sig.getBytes(StandardCharsets.US_ASCII), mac(notices.get()).getBytes(StandardCharsets.US_ASCII)))) {
            return rawQuery;
        }
        List<String> kept = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            String name = URLDecoder.decode(p.contains("=") ? p.substring(0, p.indexOf('=')) : p, StandardCharsets.UTF_8);
            if (!NOTICES.contains(name) && !"sig".equals(name)) {
                kept.add(p);
            }
        }
        return String.join("&", kept);
    }

    private static Optional<String> notices(String rawQuery) {
        StringBuilder b = new StringBuilder();
        for (String n : NOTICES) {
            String v = param(rawQuery, n);
            if (v != null) {
                b.append(n).append('=').append(v).append('\n');
            }
        }
        return b.isEmpty() ? Optional.empty() : Optional.of(b.toString());
    }

    private static String param(String rawQuery, String name) {
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0 && URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String mac(String text) {
        return ConsoleKeys.mac("notices", text);
    }
}

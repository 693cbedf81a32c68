package no.nhn.driftsvakt.ingest;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Test only: counts the ingest requests that reach RESTEasy at all (pre-matching, so refusals like 415 count too).
 * With the fast route on, none may; with {@code driftsvakt.ingest.fast-route=false}, every one does.
 */
@Provider
@PreMatching
public class RestEasyIngestCalls implements ContainerRequestFilter {

    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void filter(ContainerRequestContext req) {
        String path = req.getUriInfo().getPath();
        if (path.startsWith("/api/v1/signals") || path.startsWith("/api/v1/alertmanager")) {
            COUNT.incrementAndGet();
        }
    }
}

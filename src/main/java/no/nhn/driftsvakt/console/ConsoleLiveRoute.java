package no.nhn.driftsvakt.console;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /console/live}: server-sent events for signed-in staff (viewer and up) — a {@code changed} event with a
 * fingerprint whenever incidents, problems, maintenance or the ledger change on any replica, so an open console page
 * refreshes itself (js/driftsweb.js; never while someone types). A comment every 20 s keeps proxies from closing it.
 */
@ApplicationScoped
public class ConsoleLiveRoute {

    @Inject
    StaffChanges changes;

    @Inject
    Vertx vertx;

    void routes(@Observes Router router) {
        router.get("/console/live").handler(this::live);
    }

    private void live(RoutingContext rc) {
        SecurityIdentity id = rc.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
        if (id == null || id.isAnonymous()) {
            rc.response().setStatusCode(401).end();
            return;
        }
        if (!id.hasRole(Role.VIEWER.id())) {
            rc.response().setStatusCode(403).end();
            return;
        }
        HttpServerResponse r = rc.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=UTF-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        // The first event is the page's baseline: read it fresh (off the event loop), then hear of every change.
        vertx.executeBlocking(changes::refresh, false).onComplete(first -> ctx.runOnContext(x -> {
            if (r.closed()) {
                return;
            }
            r.write("retry: 5000\nevent: changed\ndata: " + (first.succeeded() ? first.result() : changes.version())
                    + "\n\n");
            Runnable remove = changes.listen(v -> ctx.runOnContext(y -> {
                if (!r.closed()) {
                    r.write("event: changed\ndata: " + v + "\n\n");
                }
            }));
            long timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(20), t -> {
                if (!r.closed()) {
                    r.write(": keep-alive\n\n");
                }
            });
            r.closeHandler(y -> {
                remove.run();
                vertx.cancelTimer(timer);
            });
        }));
    }
}

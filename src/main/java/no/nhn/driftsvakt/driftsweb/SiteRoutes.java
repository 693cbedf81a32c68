package no.nhn.driftsvakt.driftsweb;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.netty.buffer.Unpooled;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Driftsweb's hot paths as plain Vert.x routes: the front page (pre-rendered bytes per language, with ETag) and
 * the live stream of changes (server-sent events). Also the security headers every response gets.
 */
@ApplicationScoped
public class SiteRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";
    private static final String LANG_COOKIE = "lang";

    @Inject
    SiteModel model;

    @Inject
    SiteConfig config;

    @Inject
    Vertx vertx;

    void routes(@Observes Router router) {
        router.get("/").handler(this::front);
        router.get("/live").handler(this::live);
    }

    void headers(@Observes Filters filters) {
        filters.register(rc -> {
            securityHeaders(rc);
            rc.next();
        }, 10);
    }

    /**
     * Puts the security headers every response carries. Routes that answer before the filters run (order below
     * -10, e.g. ingest.IngestRoute) call this themselves.
     */
    public void securityHeaders(RoutingContext rc) {
        HttpServerResponse r = rc.response();
        if (!rc.normalizedPath().startsWith("/q/")) {
            r.putHeader("Content-Security-Policy", CSP);
        }
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("Referrer-Policy", "same-origin");
        r.putHeader("X-Frame-Options", "DENY");
        long hsts = config.hstsMaxAge().toSeconds();
        if (hsts > 0) {
            r.putHeader("Strict-Transport-Security", "max-age=" + hsts + "; includeSubDomains");
        }
    }

    /** The page's language: {@code ?lang=} (remembered in a cookie), else the cookie, else bokmål. */
    static Lang lang(RoutingContext rc) {
        String q = rc.request().getParam("lang");
        if (q != null) {
            Lang l = Lang.of(q);
            rc.response().addCookie(Cookie.cookie(LANG_COOKIE, l.code()).setPath("/").setMaxAge(365L * 24 * 3600)
                    .setSameSite(CookieSameSite.LAX).setHttpOnly(true));
            return l;
        }
        Cookie c = rc.request().getCookie(LANG_COOKIE);
        return Lang.of(c == null ? null : c.getValue());
    }

    private void front(RoutingContext rc) {
        Lang lang = lang(rc);
        SiteModel.Page page = model.front(lang);
        HttpServerResponse r = rc.response();
        r.putHeader("Cache-Control", "no-cache").putHeader("Vary", "Cookie").putHeader("ETag", page.etag());
        if (page.etag().equals(rc.request().getHeader("If-None-Match"))) {
            r.setStatusCode(304).end();
            return;
        }
        r.putHeader("Content-Type", "text/html; charset=UTF-8");
        r.end(Buffer.buffer(Unpooled.wrappedBuffer(page.body())));
    }

    /**
     * {@code GET /live}: one {@code changed} event with the snapshot's version after every change customers can
     * see, and a comment every 20 s so proxies keep the stream open.
     */
    private void live(RoutingContext rc) {
        HttpServerResponse r = rc.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=UTF-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        r.write("retry: 5000\nevent: changed\ndata: " + model.snapshot().version() + "\n\n");
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        Runnable remove = model.listen(v -> ctx.runOnContext(x -> {
            if (!r.closed()) {
                r.write("event: changed\ndata: " + v + "\n\n");
            }
        }));
        long timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(20), id -> {
            if (!r.closed()) {
                r.write(": keep-alive\n\n");
            }
        });
        r.closeHandler(x -> {
            remove.run();
            vertx.cancelTimer(timer);
        });
    }
}

package no.nhn.driftsvakt.ingest;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import no.nhn.driftsvakt.driftsweb.SiteRoutes;
import no.nhn.driftsvakt.platform.HttpProblems;
import no.nhn.driftsvakt.platform.Problem;

/**
 * {@code POST /api/v1/signals} and {@code POST /api/v1/alertmanager} as a plain Vert.x route on the event loop: the
 * lean intake path. These endpoints authenticate with their own bearer token ({@link IngestService#denied}), never
 * with Quarkus security, so the work of the HTTP security handlers (form login, proactive authentication, OIDC),
 * RESTEasy's dispatch and filters (audit.AuditFilter skips these paths anyway), request-context activation and the
 * Jackson response writer is pure cost at thousands of signals a second. The route answers exactly as
 * {@link IngestResource} does — it checks what RESTEasy checks before the method (body size 413, Content-Type 415,
 * Accept 406), reads the body itself up to {@code quarkus.http.limits.max-body-size}, and writes the
 * {@link Response} that {@link IngestService} builds for both — except that its 413 carries a problem body when the
 * client sent the body (not to a client still waiting for "100 Continue").
 * {@code driftsvakt.ingest.fast-route=false} leaves the paths to RESTEasy.
 */
@ApplicationScoped
class IngestRoute {

    /**
     * Where the route sits in the router (lower runs first). Quarkus adds its HTTP security as filters at order
     * minus their priority (SecurityHandlerPriorities): CORS -300 (only when enabled), authentication -200, form
     * login -150, authorization -100; then the max-body-size check at -2 (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT)
     * and RESTEasy at 10,000 (ROUTE_ORDER_DEFAULT). Our own filters: console.SecureCookies at -10,000 (cookies only)
     * and driftsweb.SiteRoutes' security headers at -10, which this route therefore puts itself. -250 runs after
     * CORS, so a CORS policy, were one configured, would still apply, and before all of authentication.
     */
    static final int ORDER = -250;

    private static final Logger LOG = Logger.getLogger(IngestRoute.class);
    private static final String JSON = "application/json;charset=UTF-8"; // what RESTEasy writes for @Produces(JSON)

    @Inject
    IngestService ingest;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    SiteRoutes site;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void init(@Observes Router router) {
        if (!config.fastRoute()) {
            return;
        }
        router.post("/api/v1/signals").order(ORDER).handler(rc -> intake(rc, ingest::acceptSignals));
        router.post("/api/v1/alertmanager").order(ORDER).handler(rc -> intake(rc, ingest::acceptAlertmanager));
    }

    /** Answers the request in full; never passes it on ({@code next()}), so nothing behind this route sees it. */
    private void intake(RoutingContext rc, BiFunction<String, byte[], Uni<Response>> accept) {
        HttpServerRequest req = rc.request();
        long limit = maxBodySize.asLongValue();
        if (declaredLength(req) > limit) {
            // A client waiting for "100 Continue" sent no body, and Java's HttpClient before JDK 20 hangs on a final
            // answer with a body (JDK-8286171): it gets Quarkus' empty 413, as it did before this route.
            tooLarge(rc, limit, !expectsContinue(req));
            return;
        }
        String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!MediaRanges.jsonBody(contentType)) {
            discardBody(rc);
            write(rc, HttpProblems.unsupportedMediaType(contentType));
            return;
        }
        if (!MediaRanges.acceptsJson(req.headers().getAll(HttpHeaders.ACCEPT))) {
            discardBody(rc);
            write(rc, Response.status(406).build());
            return;
        }
        String authorization = req.getHeader(HttpHeaders.AUTHORIZATION);
        Context context = Vertx.currentContext();
        readBody(rc, limit, body -> {
            Uni<Response> answer;
            try {
                answer = accept.apply(authorization, body);
            } catch (RuntimeException e) {
                rc.fail(e);
                return;
            }
            // The broker's acknowledgement arrives on a Kafka thread: answer on the request's own context.
            answer.subscribe().with(r -> onContext(context, () -> write(rc, r)),
                    t -> onContext(context, () -> rc.fail(t)));
        });
    }

    /** Reads the body's bytes, answering 413 once it passes the limit. */
    private void readBody(RoutingContext rc, long limit, Consumer<byte[]> then) {
        if (rc.body().available()) { // a body handler ran first (it enforces the same limit)
            Buffer b = rc.body().buffer();
            then.accept(b == null ? new byte[0] : b.getBytes());
            return;
        }
        HttpServerRequest req = rc.request();
        long declared = declaredLength(req);
        Buffer body = Buffer.buffer(declared >= 0 ? (int) Math.min(declared, 64 * 1024) : 1024); // grows as it comes
        boolean[] over = {false};
        req.handler(chunk -> {
            if (over[0]) {
                return; // answered 413; the connection closes
            }
            if (body.length() + chunk.length() > limit) {
                over[0] = true;
                tooLarge(rc, limit, true);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!over[0]) {
                then.accept(body.getBytes());
            }
        });
        req.exceptionHandler(t -> LOG.debugf("Ingest request broken off: %s", t));
        if (expectsContinue(req)) {
            rc.response().writeContinue(); // the body may come: its declared length is within the limit
        }
    }

    /**
     * 413, and the connection closed without reading (more of) the body, as Quarkus' own limit check does.
     *
     * @param problem with a problem body (else none, as Quarkus answers)
     */
    private void tooLarge(RoutingContext rc, long limit, boolean problem) {
        HttpServerResponse out = rc.response();
        out.putHeader(HttpHeaders.CONNECTION, "close");
        out.endHandler(v -> rc.request().connection().close());
        write(rc, problem ? Problem.response(413, "For stort innhold / Content too large",
                "the request body is larger than " + limit + " bytes; send fewer signals per request", "(body)")
                : Response.status(413).build());
    }

    private static boolean expectsContinue(HttpServerRequest req) {
        return "100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT));
    }

    /**
     * After an answer that did not need the body (415, 406): reads and drops what the client still sends, keeping
     * the connection for its next request, as RESTEasy does. Nothing is kept.
     */
    private static void discardBody(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        if (req.isEnded() || rc.body().available()) {
            return;
        }
        req.handler(chunk -> { });
        req.exceptionHandler(t -> LOG.debugf("Ingest request broken off: %s", t));
    }

    /** Writes what {@link IngestService} answered: status, headers, and the entity as JSON with the app's mapper. */
    private void write(RoutingContext rc, Response r) {
        HttpServerResponse out = rc.response();
        if (out.ended() || out.closed()) {
            return;
        }
        site.securityHeaders(rc);
        out.setStatusCode(r.getStatus());
        r.getStringHeaders().forEach((name, values) -> values.forEach(v -> out.headers().add(name, v)));
        Object entity = r.getEntity();
        if (entity == null) {
            out.end();
            return;
        }
        if (!out.headers().contains(HttpHeaders.CONTENT_TYPE)) {
            out.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            rc.fail(e);
            return;
        }
        out.end(Buffer.buffer(bytes));
    }

    /** The declared Content-Length, or -1 when there is none (chunked) or it is not a number. */
    private static long declaredLength(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void onContext(Context context, Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }
}

package no.nhn.driftsvakt.probe;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/** HTTP(S) probes on Vert.x's non-blocking client; every probe opens a fresh connection unless keepAlive. */
final class HttpProber implements Prober {

    private final Vertx vertx;
    private final Clock clock;
    private final ProbeConfig config;
    private final Map<String, HttpClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    HttpProber(Vertx vertx, Clock clock, ProbeConfig config) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
    }

    /** One client per (keep-alive, trusted CA file): connection pools and trust are per client in Vert.x. */
    private HttpClient client(CheckSpec.Http spec) {
        String key = spec.keepAlive() + "|" + spec.tlsCaFile().orElse("");
        return clients.computeIfAbsent(key, k -> {
            HttpClientOptions o = new HttpClientOptions().setKeepAlive(spec.keepAlive())
                    .setMaxPoolSize(config.maxInFlight()).setMaxWaitQueueSize(config.maxInFlight())
                    .setVerifyHost(true).setTrustAll(false).setTryUseCompression(false).setPipelining(false);
            spec.tlsCaFile().ifPresent(ca -> o.setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(ca)));
            return vertx.createHttpClient(o);
        });
    }

    @Override
    public Future<ProbeOutcome> probe(Check check) {
        CheckSpec.Http spec = (CheckSpec.Http) check.spec();
        long timeoutMs = check.timeout().toMillis();
        long start = System.nanoTime();
        Promise<ProbeOutcome> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> promise.tryComplete(ProbeOutcome.failure(FailureReason.TIMEOUT,
                Prober.millisSince(start), "no answer within " + timeoutMs + " ms")));
        RequestOptions ro = new RequestOptions().setAbsoluteURI(spec.url().toString())
                .setMethod(HttpMethod.valueOf(spec.method())).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
                .putHeader("User-Agent", config.userAgent()).putHeader("Accept", "*/*");
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            ro.putHeader(h.getKey(), h.getValue());
        }
        HttpClient client = client(spec);
        client.request(ro).compose(HttpClientRequest::send).compose(resp -> readBody(resp)
                .map(body -> HttpEvaluator.evaluate(spec, resp.statusCode(), body, Prober.millisSince(start),
                        certExpiry(resp), Instant.now(clock))))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        promise.tryComplete(ar.result());
                    } else {
                        promise.tryComplete(ProbeOutcome.failure(Prober.classify(ar.cause()),
                                Prober.millisSince(start), Prober.describe(ar.cause())));
                    }
                });
        return promise.future();
    }

    /** Reads at most maxBodyBytes of the body; discards the rest. */
    private Future<String> readBody(HttpClientResponse resp) {
        Promise<String> p = Promise.promise();
        Buffer buf = Buffer.buffer();
        int max = config.maxBodyBytes();
        resp.handler(chunk -> {
            if (buf.length() < max) {
                buf.appendBuffer(chunk.length() <= max - buf.length() ? chunk : chunk.getBuffer(0, max - buf.length()));
            }
        });
        resp.exceptionHandler(p::tryFail);
        resp.endHandler(v -> p.tryComplete(buf.toString()));
        return p.future();
    }

    private static Optional<Instant> certExpiry(HttpClientResponse resp) {
        try {
            if (!resp.request().connection().isSsl()) {
                return Optional.empty();
            }
            List<Certificate> certs = resp.request().connection().peerCertificates();
            if (!certs.isEmpty() && certs.get(0) instanceof X509Certificate x) {
                return Optional.of(x.getNotAfter().toInstant());
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    void close() {
        clients.values().forEach(HttpClient::close);
    }
}

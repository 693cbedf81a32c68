package no.nhn.driftsvakt.probe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * Reads a supplier's own status page or feed ({@link CheckSpec.Supplier}). What the supplier says becomes the
 * outcome: up, or failing with {@link FailureReason#SUPPLIER_DEGRADED} or {@link FailureReason#SUPPLIER_OUTAGE}.
 * A page that cannot be fetched or read says nothing about the supplier's service: the outcome is
 * {@link FailureReason#SUPPLIER_UNREADABLE}, which the engine counts but does not publish.
 */
final class SupplierProber implements Prober {

    private static final int MAX_BODY = 5 * 1024 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Clock clock;

    SupplierProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Future<ProbeOutcome> probe(Check check) {
        CheckSpec.Supplier spec = (CheckSpec.Supplier) check.spec();
        Promise<ProbeOutcome> done = Promise.promise();
        long start = System.nanoTime();
        HttpRequest req = HttpRequest.newBuilder(spec.url()).timeout(check.timeout())
                .header("Accept", spec.format() == CheckSpec.SupplierFormat.STATUSPAGE ? "application/json"
                        : "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1")
                .header("User-Agent", "Driftsvakt (Norsk Helsenett status monitoring)").GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, t) -> {
            long ms = Prober.millisSince(start);
            if (t != null) {
                done.tryComplete(ProbeOutcome.failure(FailureReason.SUPPLIER_UNREADABLE, ms,
                        "supplier status not fetched: " + Prober.describe(t)));
                return;
            }
            if (r.statusCode() / 100 != 2) {
                done.tryComplete(ProbeOutcome.failure(FailureReason.SUPPLIER_UNREADABLE, ms,
                        "supplier status answered HTTP " + r.statusCode()));
                return;
            }
            if (r.body().length > MAX_BODY) {
                done.tryComplete(ProbeOutcome.failure(FailureReason.SUPPLIER_UNREADABLE, ms,
                        "supplier status larger than 5 MiB"));
                return;
            }
            done.tryComplete(outcome(spec, r.body(), Instant.now(clock), ms));
        });
        return done.future();
    }

    static ProbeOutcome outcome(CheckSpec.Supplier spec, byte[] body, Instant now, long ms) {
        try {
            SupplierStatusReader.Reading reading = SupplierStatusReader.read(spec.format(), body, spec.component(), now);
            return switch (reading.level()) {
                case UP -> new ProbeOutcome(true, FailureReason.NONE, ms, reading.text(), null);
                case DEGRADED -> ProbeOutcome.failure(FailureReason.SUPPLIER_DEGRADED, ms, reading.text());
                case DOWN -> ProbeOutcome.failure(FailureReason.SUPPLIER_OUTAGE, ms, reading.text());
            };
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failure(FailureReason.SUPPLIER_UNREADABLE, ms, e.getMessage());
        }
    }
}

package no.nhn.driftsvakt.probe;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * DNS lookups: a UDP query to the check's server with Vert.x's non-blocking client, or the system resolver
 * (which honours /etc/hosts) on a worker thread when no server is given.
 */
final class DnsProber implements Prober {

    private final Vertx vertx;
    private final Map<String, DnsClient> clients = new ConcurrentHashMap<>();

    DnsProber(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<ProbeOutcome> probe(Check check) {
        CheckSpec.Dns spec = (CheckSpec.Dns) check.spec();
        long start = System.nanoTime();
        Future<List<String>> answers = spec.server().isPresent()
                ? client(spec.server().get(), check.timeout().toMillis()).resolveA(spec.name())
                : vertx.executeBlocking(() -> Arrays.stream(InetAddress.getAllByName(spec.name()))
                        .map(InetAddress::getHostAddress).toList(), false);
        return answers.map(addresses -> {
            long ms = Prober.millisSince(start);
            if (addresses == null || addresses.isEmpty()) {
                return ProbeOutcome.failure(FailureReason.DNS_FAILURE, ms, "no address for " + spec.name());
            }
            if (!spec.expect().isEmpty() && addresses.stream().noneMatch(spec.expect()::contains)) {
                return ProbeOutcome.failure(FailureReason.DNS_MISMATCH, ms,
                        spec.name() + " resolved to " + addresses + ", expected one of " + spec.expect());
            }
            return ProbeOutcome.success(ms);
        }).otherwise(t -> {
            FailureReason r = Prober.classify(t);
            return ProbeOutcome.failure(r == FailureReason.TIMEOUT ? r : FailureReason.DNS_FAILURE,
                    Prober.millisSince(start), Prober.describe(t));
        });
    }

    private DnsClient client(String server, long timeoutMs) {
        return clients.computeIfAbsent(server + "/" + timeoutMs, k -> {
            int colon = server.lastIndexOf(':');
            String host = colon < 0 ? server : server.substring(0, colon);
            int port = colon < 0 ? 53 : Integer.parseInt(server.substring(colon + 1));
            return vertx.createDnsClient(new DnsClientOptions().setHost(host).setPort(port)
                    .setQueryTimeout(timeoutMs).setRecursionDesired(true));
        });
    }
}

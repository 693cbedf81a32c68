package no.nhn.driftsvakt.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/** A TCP connect, closed at once; the latency is the connect time. */
final class TcpProber implements Prober {

    private final Vertx vertx;
    private final Map<Long, NetClient> clients = new ConcurrentHashMap<>();

    TcpProber(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<ProbeOutcome> probe(Check check) {
        CheckSpec.Tcp spec = (CheckSpec.Tcp) check.spec();
        long start = System.nanoTime();
        NetClient client = clients.computeIfAbsent(check.timeout().toMillis(), ms -> vertx.createNetClient(
                new NetClientOptions().setConnectTimeout((int) (long) ms)));
        return client.connect(spec.port(), spec.host()).map(socket -> {
            long ms = Prober.millisSince(start);
            socket.close();
            return ProbeOutcome.success(ms);
        }).otherwise(t -> ProbeOutcome.failure(Prober.classify(t), Prober.millisSince(start), Prober.describe(t)));
    }
}

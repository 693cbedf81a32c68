package no.nhn.driftsvakt.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/** TCP, DNS and heartbeat probes against real sockets and resolvers on this machine. */
class ProbersIT {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static Check check(CheckSpec spec, Duration interval) {
        return new Check("c", "comp", interval, Duration.ofMillis(800), 3, 2, spec);
    }

    private static ProbeOutcome run(Prober p, Check c) throws Exception {
        return p.probe(c).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void tcpConnectSucceedsOnAListeningPortAndFailsOnAClosedOne() throws Exception {
        TcpProber tcp = new TcpProber(vertx);
        int closedPort;
        try (ServerSocket open = new ServerSocket(0)) {
            ProbeOutcome up = run(tcp, check(new CheckSpec.Tcp("127.0.0.1", open.getLocalPort()), Duration.ofSeconds(5)));
            assertTrue(up.ok(), up.detail());
            closedPort = open.getLocalPort();
        }
        ProbeOutcome down = run(tcp, check(new CheckSpec.Tcp("127.0.0.1", closedPort), Duration.ofSeconds(5)));
        assertEquals(FailureReason.CONNECTION_FAILED, down.reason(), down.detail());
    }

    @Test
    void dnsThroughTheSystemResolverChecksTheExpectedAddress() throws Exception {
        DnsProber dns = new DnsProber(vertx);

        ProbeOutcome ok = run(dns, check(new CheckSpec.Dns("localhost", Optional.empty(), List.of("127.0.0.1")),
                Duration.ofSeconds(5)));
        ProbeOutcome mismatch = run(dns, check(new CheckSpec.Dns("localhost", Optional.empty(), List.of("10.9.9.9")),
                Duration.ofSeconds(5)));

        assertTrue(ok.ok(), ok.detail());
        assertEquals(FailureReason.DNS_MISMATCH, mismatch.reason(), mismatch.detail());
    }

    @Test
    void dnsToAServerThatDoesNotAnswerFails() throws Exception {
        DnsProber dns = new DnsProber(vertx);
        int silentPort;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            silentPort = s.getLocalPort(); // bound, never answers
            ProbeOutcome o = run(dns, check(new CheckSpec.Dns("helsenett.no", Optional.of("127.0.0.1:" + silentPort),
                    List.of()), Duration.ofSeconds(5)));
            assertTrue(!o.ok() && (o.reason() == FailureReason.TIMEOUT || o.reason() == FailureReason.DNS_FAILURE),
                    o.reason() + " " + o.detail());
        }
    }

    @Test
    void aHeartbeatFailsWhenSilentLongerThanIntervalPlusGrace() {
        Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
        HeartbeatMonitor hb = new HeartbeatMonitor(Clock.fixed(t0, ZoneOffset.UTC));
        Check c = new Check("job", "comp", Duration.ofSeconds(60), Duration.ofSeconds(5), 3, 2,
                new CheckSpec.Heartbeat("0".repeat(64), Duration.ofSeconds(10)));

        assertEquals(FailureReason.HEARTBEAT_MISSED, hb.judge(c, t0).reason(), "never pinged");
        hb.owned("job"); // newly owned: a full interval of grace from now
        assertTrue(hb.judge(c, t0.plusSeconds(70)).ok());
        assertEquals(FailureReason.HEARTBEAT_MISSED, hb.judge(c, t0.plusSeconds(71)).reason());
        hb.ping("job", t0.plusSeconds(100));
        assertTrue(hb.judge(c, t0.plusSeconds(169)).ok());
        assertTrue(hb.judge(c, t0.plusSeconds(171)).detail().startsWith("no heartbeat for 71 s"));
    }
}

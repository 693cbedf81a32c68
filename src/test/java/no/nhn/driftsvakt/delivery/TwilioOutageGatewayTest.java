package no.nhn.driftsvakt.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.testing.FakeTwilio;

/**
 * What the real Twilio SDK (Apache HttpClient 5 under {@code NetworkHttpClient}) reports for each way Twilio can
 * fail, against a fake Twilio at the HTTP edge, and how the gateway classifies it: certainly not taken (retry) or
 * outcome unknown (look it up first).
 */
class TwilioOutageGatewayTest {

    static final String SID = TwilioGatewayTest.SID;
    FakeTwilio fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeTwilio.start(0).hang(Duration.ofMillis(1500));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static TwilioGateway gateway(URI host) {
        return new TwilioGateway(new TwilioGateway.Settings(SID, "secret-token", Optional.of("MG1"), Optional.empty(),
                "https://driftsvakt.nhn.no/api/v1/twilio/status", Optional.of(host), Duration.ofMillis(500),
                Duration.ofMillis(400)));
    }

    static ChannelGateway.Outgoing sms(String to) {
        return new ChannelGateway.Outgoing(7, "SUB-000007", Channel.SMS, to, null, "NHN driftsmelding: Brudd.", null,
                null);
    }

    @Test
    void aReadTimeoutAfterTwilioTookTheMessageIsAnUnknownOutcomeAndTheLookupFindsIt() throws Exception {
        TwilioGateway g = gateway(fake.uri());
        Instant since = Instant.now().minusSeconds(60);
        fake.mode(FakeTwilio.Mode.TIMEOUT_AFTER_ACCEPT);
        long t0 = System.nanoTime();
        ChannelGateway.UnknownOutcome u = assertThrows(ChannelGateway.UnknownOutcome.class,
                () -> g.send(sms("+4791000001")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(u.getMessage().contains("SocketTimeoutException") && !u.getMessage().contains("91000001"),
                u.getMessage());
        assertTrue(ms >= 350 && ms < 1400, "our read timeout (400 ms), not the SDK's 30 s: " + ms + " ms");
        assertEquals(1, fake.messages().size(), "Twilio has it");
        fake.mode(FakeTwilio.Mode.OK);
        ChannelGateway.Lookup found = g.lookup(sms("+4791000001"), since);
        assertEquals(ChannelGateway.Lookup.Result.FOUND, found.result());
        assertEquals(fake.messages().get(0).sid(), found.providerId());
    }

    @Test
    void aReadTimeoutBeforeTwilioTookItIsUnknownTooAndTheLookupSaysNotFound() throws Exception {
        TwilioGateway g = gateway(fake.uri());
        fake.mode(FakeTwilio.Mode.TIMEOUT_BEFORE_ACCEPT);
        assertThrows(ChannelGateway.UnknownOutcome.class, () -> g.send(sms("+4791000002")),
                "the client cannot tell the two timeouts apart");
        fake.mode(FakeTwilio.Mode.OK);
        assertEquals(ChannelGateway.Lookup.Result.NOT_FOUND,
                g.lookup(sms("+4791000002"), Instant.now().minusSeconds(60)).result());
    }

    @Test
    void aRefusedConnectionIsCertainlyNotSentAndRetried() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        TwilioGateway g = gateway(URI.create("http://127.0.0.1:" + closed));
        ChannelGateway.RetryableFailure f = assertThrows(ChannelGateway.RetryableFailure.class,
                () -> g.send(sms("+4791000003")));
        assertTrue(f.getMessage().contains("HttpHostConnectException"), f.getMessage());
        assertEquals(ChannelGateway.Lookup.Result.UNAVAILABLE,
                g.lookup(sms("+4791000003"), Instant.now()).result(), "could not ask now: ask again later");
    }

    @Test
    void tooManyRequestsIsRetriedWithTwiliosRetryAfterAndTheLookupIsUnavailableMeanwhile() throws Exception {
        TwilioGateway g = gateway(fake.uri());
        fake.mode(FakeTwilio.Mode.TOO_MANY_REQUESTS).retryAfter(3);
        ChannelGateway.RetryableFailure f = assertThrows(ChannelGateway.RetryableFailure.class,
                () -> g.send(sms("+4791000004")));
        assertTrue(f.getMessage().contains("429") && f.getMessage().contains("20429"), f.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(3)), f.retryAfter());
        assertEquals(1, fake.answered429.get(), "asked once");
        assertEquals(ChannelGateway.Lookup.Result.UNAVAILABLE,
                g.lookup(sms("+4791000004"), Instant.now()).result());
        fake.mode(FakeTwilio.Mode.TIMEOUT_BEFORE_ACCEPT);
        assertEquals(ChannelGateway.Lookup.Result.UNAVAILABLE,
                g.lookup(sms("+4791000004"), Instant.now()).result());
        assertTrue(fake.messages().isEmpty());
    }

    @Test
    void whenTwilioIsBackTheMessageGoesAndTheLookupIgnoresOlderOnes() throws Exception {
        TwilioGateway g = gateway(fake.uri());
        assertTrue(g.send(sms("+4791000005")).startsWith("SM"));
        Thread.sleep(1100); // Twilio's dates have whole seconds
        assertEquals(ChannelGateway.Lookup.Result.NOT_FOUND,
                g.lookup(sms("+4791000005"), Instant.now()).result(), "sent before the time asked about");
    }
}

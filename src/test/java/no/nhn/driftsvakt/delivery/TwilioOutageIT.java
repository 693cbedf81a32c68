package no.nhn.driftsvakt.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.testing.FakeTwilio;

/**
 * The short Twilio outage scenario, in every CI run: 200 recipients, Twilio answering 429 for 4 s and then timing
 * out for 4 s in the middle of the fan-out. Nobody is missed, nobody gets it twice. SMS go through the real Twilio
 * SDK into {@link FakeTwilio} for this test only (the service's other tests keep the local outbox), so no test
 * profile restart is needed. The long run is {@link TwilioOutageFaultIT}.
 */
@QuarkusTest
class TwilioOutageIT {

    @Inject
    DataSource ds;

    @Inject
    MeterRegistry registry;

    @Inject
    Channels channels;

    @Test
    void aTwilioOutageInTheMiddleOfAFanOutLosesNobodyAndSendsNobodyTwo() throws Exception {
        try (FakeTwilio fake = FakeTwilio.start(0).hang(Duration.ofSeconds(1))) {
            ChannelGateway before = channels.replaceSms(new TwilioGateway(new TwilioGateway.Settings(
                    TwilioGatewayTest.SID, "test-twilio-token", Optional.of("MG0123456789abcdef0123456789abcdef"),
                    Optional.empty(), "http://localhost:8081/api/v1/twilio/status", Optional.of(fake.uri()),
                    Duration.ofMillis(500), Duration.ofMillis(400))));
            TwilioOutageScenario.Figures f;
            try {
                f = new TwilioOutageScenario(ds, registry, fake).run(200, Duration.ofSeconds(4), Duration.ofSeconds(4),
                        Duration.ofSeconds(90));
            } finally {
                channels.replaceSms(before);
            }
            System.out.println(f.print());
            TwilioOutageScenario.assertNoneLostNoneTwice(f);
            assertTrue(f.answered429() >= 1 && f.hungAfterAccept() + f.hungBeforeAccept() >= 1,
                    "the faults were met: " + f.print());
            assertTrue(f.answered429() <= 12, "a throttled channel backs off instead of hammering: " + f.answered429());
            assertTrue(channels.gateway(Channel.SMS) == before);
        }
    }
}

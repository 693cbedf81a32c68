package no.nhn.driftsvakt.delivery;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import no.nhn.driftsvakt.testing.FakeTwilio;

/**
 * The Twilio outage fault scenario at full size (docs/reliability.md), not in the normal test run (tag
 * {@code fault}):
 * <pre>
 * mvn test -Dtest=TwilioOutageFaultIT -Dtest.excludedGroups= [-Dfault.recipients=2000 -Dfault.throttled=30
 *     -Dfault.timeouts=30]
 * </pre>
 * The service runs with {@code driftsvakt.sms.provider=twilio} and its {@code api-host} at a fake Twilio on port
 * 21480 (read timeout 1 s, 50 SMS/s); 2,000 recipients; once a tenth have gone, 429 for 30 s, then timeouts (after
 * and before taking the message, in turn) for 30 s, then Twilio is back. Prints its figures.
 */
@QuarkusTest
@TestProfile(TwilioOutageFaultIT.Twilio.class)
@Tag("fault")
class TwilioOutageFaultIT {

    static final int PORT = 21480;
    static FakeTwilio fake;

    public static class Twilio implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("driftsvakt.sms.provider", "twilio",
                    "driftsvakt.twilio.account-sid", TwilioGatewayTest.SID,
                    "driftsvakt.twilio.messaging-service-sid", "MG0123456789abcdef0123456789abcdef",
                    "driftsvakt.twilio.api-host", "http://127.0.0.1:" + PORT,
                    "driftsvakt.twilio.connect-timeout", "1s",
                    "driftsvakt.twilio.read-timeout", "1s",
                    "driftsvakt.sms.rate-per-second", "50");
        }
    }

    @Inject
    DataSource ds;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeTwilio.start(PORT).hang(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void sixtySecondsOf429AndTimeoutsDuringAFanOutTo2000LosesNobodyAndSendsNobodyTwo() throws Exception {
        int recipients = Integer.getInteger("fault.recipients", 2000);
        TwilioOutageScenario.Figures f = new TwilioOutageScenario(ds, registry, fake).run(recipients,
                Duration.ofSeconds(Integer.getInteger("fault.throttled", 30)),
                Duration.ofSeconds(Integer.getInteger("fault.timeouts", 30)), Duration.ofMinutes(20));
        System.out.println(f.print());
        TwilioOutageScenario.assertNoneLostNoneTwice(f);
    }
}

package no.nhn.driftsvakt.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** When the broker does not acknowledge, ingest answers 503 with Retry-After and accepts nothing. */
@QuarkusTest
@TestProfile(IngestUnavailableIT.NoBrokerForSignals.class)
class IngestUnavailableIT {

    /** The signals channel points at an address where no broker listens. */
    public static class NoBrokerForSignals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.signals-out.bootstrap.servers", "127.0.0.1:9",
                    "driftsvakt.ingest.publish-timeout", "1s", "driftsvakt.probe.enabled", "false");
        }
    }

    @Test
    void noAcknowledgementMeans503WithRetryAfter() {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"unavailable-1\",\"source\":\"x\",\"component\":\"core\",\"state\":\"down\"}")
                .post("/api/v1/signals").then().statusCode(503).header("Retry-After", equalTo("5"))
                .body("title", equalTo("Midlertidig utilgjengelig / Temporarily unavailable"));
    }
}

package no.nhn.driftsvakt.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code driftsvakt.ingest.fast-route=false}, RESTEasy ({@link IngestResource}) serves the ingest paths and
 * answers the key cases as the fast route does ({@link IngestCases}, also run by {@link IngestRouteIT}).
 */
@QuarkusTest
@TestProfile(IngestFallbackIT.FastRouteOff.class)
class IngestFallbackIT {

    public static class FastRouteOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("driftsvakt.ingest.fast-route", "false");
        }
    }

    @Test
    void restEasyAnswersAsTheFastRouteWhenItIsOff() throws Exception {
        int before = RestEasyIngestCalls.COUNT.get();

        IngestCases.aSignalIsAccepted();
        IngestCases.anInvalidSignalNamesTheField();
        IngestCases.noTokenMeans401();
        IngestCases.anAcceptHeaderWithoutJsonMeans406();
        int utf8 = IngestCases.bodiesAreUtf8Json();
        // 413 from Quarkus' own limit check (declared length) and from RESTEasy reading the body (chunked, which
        // counts as reaching RESTEasy); these have no problem body, unlike the fast route's
        IngestCases.twoMebibytesWaitingForContinue();
        for (boolean chunked : new boolean[] {false, true}) {
            String answer = IngestCases.twoMebibytesSent(chunked);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        }
        given().get("/q/health/ready").then().statusCode(200);

        assertEquals(before + 6 + utf8, RestEasyIngestCalls.COUNT.get(), "requests that reached RESTEasy");
    }
}

package no.nhn.driftsvakt.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The lean intake path: {@link IngestRoute} answers {@code POST /api/v1/signals} and {@code /api/v1/alertmanager}
 * itself — RESTEasy never sees them — and answers as RESTEasy did ({@link IngestCases}, also run by
 * {@link IngestFallbackIT} with the route off; IngestIT's contract runs through the route too).
 */
@QuarkusTest
class IngestRouteIT {

    @Test
    void theFastRouteAnswersAndRestEasyNeverSeesTheRequests() {
        int before = RestEasyIngestCalls.COUNT.get();

        IngestCases.aSignalIsAccepted();
        IngestCases.anInvalidSignalNamesTheField();
        IngestCases.noTokenMeans401();
        IngestCases.anAcceptHeaderWithoutJsonMeans406();
        IngestCases.bodiesAreUtf8Json();
        IngestCases.client().contentType("text/plain").body("core down").post("/api/v1/alertmanager").then()
                .statusCode(415).body("field", equalTo("Content-Type"));

        assertEquals(before, RestEasyIngestCalls.COUNT.get(), "requests that reached RESTEasy");
        // the same filter does see what RESTEasy serves, so the count above can fail
        given().get("/api/v1/signals").then().statusCode(405);
        assertEquals(before + 1, RestEasyIngestCalls.COUNT.get(), "a GET is RESTEasy's (405)");
    }

    @Test
    void aTwoMebibyteBodyGets413WithAProblemBodyAndTheServiceStaysHealthy() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            String answer = IngestCases.twoMebibytesSent(chunked);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            assertTrue(answer.contains("\"title\":\"For stort innhold / Content too large\"")
                    && answer.contains("\"field\":\"(body)\""), answer);
        }
        IngestCases.twoMebibytesWaitingForContinue();

        given().get("/q/health/ready").then().statusCode(200);
        IngestCases.aSignalIsAccepted();
    }
}

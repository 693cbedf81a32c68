package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The console's live stream: staff only, and a new event when a suspected incident appears. */
@QuarkusTest
class ConsoleLiveIT {

    @TestHTTPResource("/console/live")
    URI live;

    @Test
    void signedInStaffHearOfANewSuspectedIncidentAndAnonymousVisitorsHearNothing() throws Exception {
        given().get("/console/live").then().statusCode(401);

        String session = ConsoleIT.login("vera", "vera-pw");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> res = http.send(HttpRequest.newBuilder(live)
                .header("Cookie", "driftsvakt-konsoll=" + session).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        BlockingQueue<String> events = new ArrayBlockingQueue<>(100);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                    }
                }
            } catch (Exception e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        String first = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "the current fingerprint at once");
        // let the stream settle: other tests' work may still be landing
        String baseline = first;
        for (String e; (e = events.poll(1500, TimeUnit.MILLISECONDS)) != null;) {
            baseline = e;
        }

        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body(Map.of("id", "live-" + UUID.randomUUID(), "source", "nagios", "component", "live-a", "state", "down",
                        "summary", "Svarer ikke"))
                .post("/api/v1/signals").then().statusCode(202);
        String next = events.poll(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(next, "an event after the incident opened");
        assertNotEquals(baseline, next);
        res.body().close();
    }
}

package no.nhn.driftsvakt.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/**
 * Signals in through the ingest API, incidents out of PostgreSQL and through the outbox onto
 * driftsvakt.incidents; staff act on them through the API.
 */
@QuarkusTest
class IncidentIT {

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    private static void signal(String id, String component, String state) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"source\":\"nagios\",\"component\":\"" + component + "\",\"state\":\""
                        + state + "\",\"summary\":\"Eksportjobb feiler\"}")
                .post("/api/v1/signals").then().statusCode(202);
    }

    private static JsonPath openIncidents(String component) {
        return staff().get("/api/v1/incidents?component=" + component + "&state=suspected").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aSignalOpensAnIncidentStaffConfirmItAndRecoveryResolvesIt() {
        String id = "inc-it-" + UUID.randomUUID();
        try (TopicReader events = new TopicReader(Topics.INCIDENTS.name())) {
            // When: a monitor says the export is down (twice: the retry is the same signal)
            signal(id, "ext-a", "down");
            signal(id, "ext-a", "down");

            // Then: one suspected incident, announced through the outbox
            await().atMost(Duration.ofSeconds(10)).until(() -> openIncidents("ext-a").getList("id").size() == 1);
            JsonPath list = openIncidents("ext-a");
            String incident = list.getString("[0].id");
            assertEquals("Ekstern tjeneste A: Eksportjobb feiler", list.getString("[0].title"));
            assertEquals("P3", list.getString("[0].priority"), "low impact (no customer group) x high urgency (down)");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.poll().stream()
                    .anyMatch(r -> r.key().equals(incident) && r.value().contains("\"eventId\":\"" + incident + ":1\"")));

            // When: the Incident Manager confirms it
            staff().body("{\"text\":\"Eksporten til adresseregisteret er forsinket.\"}")
                    .post("/api/v1/incidents/" + incident + "/confirm").then().statusCode(200)
                    .body("state", equalTo("investigating")).body("version", equalTo(2));
            staff().body("{}").post("/api/v1/incidents/" + incident + "/confirm").then().statusCode(409);

            // and the monitor says it works again
            signal("up-" + id, "ext-a", "up");

            // Then: resolved by itself, with the whole story on the timeline
            await().atMost(Duration.ofSeconds(10)).until(() -> staff().get("/api/v1/incidents/" + incident)
                    .jsonPath().getString("incident.state").equals("resolved"));
            JsonPath full = staff().get("/api/v1/incidents/" + incident).jsonPath();
            assertEquals(List.of("opened", "confirmed", "resolved"), full.getList("timeline.kind"));
            assertEquals("kari", full.getString("timeline[1].author"));
            assertTrue(full.getBoolean("timeline[1].isPublic"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.poll().stream()
                    .anyMatch(r -> r.value().contains("\"eventId\":\"" + incident + ":3\"")));
        }
    }

    @Test
    void aPhoneReportAndTheStaffActions() {
        String id = staff().body("{\"component\":\"app-b\",\"title\":\"Applikasjon B henger\",\"text\":\"Meldt på telefon\"}")
                .post("/api/v1/incidents").then().statusCode(201).body("state", equalTo("investigating"))
                .extract().jsonPath().getString("id");

        // A confirmed incident speaks for its component on driftsweb, with its public text
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String page = given().get("/").asString();
            return page.contains("data-component=\"app-b\" data-status=\"major_outage\"")
                    && page.contains("Pågående hendelser") && page.contains("Applikasjon B henger")
                    && page.contains("Meldt på telefon");
        });

        staff().body("{\"priority\":\"P1\",\"reason\":\"Mange legekontor ringer\"}")
                .post("/api/v1/incidents/" + id + "/priority").then().statusCode(200).body("priority", equalTo("P1"));
        staff().body("{\"text\":\"Intern: leverandør kontaktet\",\"isPublic\":false,\"state\":\"identified\"}")
                .post("/api/v1/incidents/" + id + "/updates").then().statusCode(200).body("state", equalTo("identified"));
        staff().body("{\"text\":\"Feilen er rettet\"}").post("/api/v1/incidents/" + id + "/resolve").then()
                .statusCode(200).body("state", equalTo("resolved"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String page = given().get("/").asString();
            return !page.contains("data-component=\"app-b\" data-status=\"major_outage\"")
                    && page.contains("Løst siste døgn") && !page.contains("Intern: leverandør kontaktet");
        });
        staff().body("{\"reason\":\"\"}").post("/api/v1/incidents/" + id + "/dismiss").then().statusCode(400)
                .body("field", equalTo("reason"));
        staff().body("{\"reason\":\"feil\"}").post("/api/v1/incidents/" + id + "/dismiss").then().statusCode(409);

        staff().get("/api/v1/incidents?component=app-b").then().statusCode(200).body("id", hasItem(id));
        staff().get("/api/v1/incidents?state=sideways").then().statusCode(400).body("field", equalTo("state"));
        staff().get("/api/v1/incidents?component=app-b&state=resolved&since=" + Instant.now().minusSeconds(600))
                .then().statusCode(200).body("id", hasItem(id));
        staff().get("/api/v1/incidents?component=app-b&since=" + Instant.now().plusSeconds(3600)).then()
                .statusCode(200).body("id", not(hasItem(id)));
        staff().get("/api/v1/incidents?since=yesterday").then().statusCode(400).body("field", equalTo("since"));
        staff().get("/api/v1/incidents/INC-999999").then().statusCode(404);
        staff().body("{\"component\":\"ghost\"}").post("/api/v1/incidents").then().statusCode(404);
        given().get("/api/v1/incidents").then().statusCode(401);
        given().header("Authorization", "Bearer test-ingest").get("/api/v1/incidents").then().statusCode(403);
    }
}

package no.nhn.driftsvakt.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A new suspected P1 incident alerts whoever is on duty, at once, by SMS and e-mail, once. */
@QuarkusTest
class StaffAlertIT {

    static JsonPath outbox(String id) {
        return NotificationIT.staff().get("/api/v1/notifications/outbox?subscriber=" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void theIncidentManagerOnDutyIsAlertedOnce() throws Exception {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String im = NotificationIT.staff().body("{\"name\":\"Vakthavende\",\"phone\":\"" + phone + "\",\"email\":\"im."
                        + UUID.randomUUID() + "@nhn.test\",\"staff\":true}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath box = outbox(im);
        String code = NotificationIT.find(box.getString("find { it.channel == 'sms' }.body"), "koden din er (\\d{6})");
        String link = NotificationIT.find(box.getString("find { it.channel == 'email' }.body"), "/bekreft/([A-Za-z0-9_-]+)");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + im + "/confirm-sms").then().statusCode(200);
        given().get("/bekreft/" + link).then().statusCode(200);
        // On duty both in and outside opening hours, so the test holds at any time of day
        for (String role : List.of("incident-manager", "on-call")) {
            NotificationIT.staff().body("{\"subscriberId\":\"" + im + "\"}").put("/api/v1/duty/" + role).then()
                    .statusCode(200);
        }
        NotificationIT.staff().body("{\"subscriberId\":\"" + im + "\"}").put("/api/v1/duty/boss").then().statusCode(404);
        assertEquals(im, NotificationIT.staff().get("/api/v1/duty").jsonPath().getString("'incident-manager'"));

        // Ext C is used by a group with an extended agreement: down → P1
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                    .body("{\"id\":\"sa-" + UUID.randomUUID() + "\",\"source\":\"nagios\",\"component\":\"ext-c\","
                            + "\"state\":\"down\"}").post("/api/v1/signals").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(im).getList("id").size() == 4);
        JsonPath after = outbox(im);
        String sms = after.getString("find { it.channel == 'sms' && it.notificationId > 0 }.body");
        assertTrue(sms.startsWith("Driftsvakt P1: mistenkt feil på Legemiddelverket-oppslag. Bekreft/avvis: "), sms);
        assertTrue(after.getString("find { it.channel == 'email' && it.notificationId > 0 }.subject")
                .startsWith("[Driftsvakt P1] Mistenkt feil: Legemiddelverket-oppslag"));
        Thread.sleep(2000);
        assertEquals(4, outbox(im).getList("id").size(), "alerted once, however many signals");

        String incident = NotificationIT.staff().get("/api/v1/incidents?component=ext-c&state=suspected").jsonPath()
                .getString("[0].id");
        NotificationIT.staff().body("{\"reason\":\"test\"}").post("/api/v1/incidents/" + incident + "/dismiss").then()
                .statusCode(200);
    }
}

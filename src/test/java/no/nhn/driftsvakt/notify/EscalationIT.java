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

/**
 * An open P1 incident is escalated level by level to whoever is on duty in the escalation roles (in tests: after
 * 3 s the customer-centre lead, after 6 s the technical director), each level once, and not after it is resolved.
 */
@QuarkusTest
class EscalationIT {

    private static String staffContact(String name) {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String id = NotificationIT.staff().body("{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"staff\":true}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        String code = NotificationIT.find(NotificationIT.outbox(id).getString("find { it.channel == 'sms' }.body"),
                "koden din er (\\d{6})");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        return id;
    }

    private static List<String> about(String subscriber, String incident) {
        JsonPath box = NotificationIT.outbox(subscriber);
        return box.getList("body", String.class).stream().filter(b -> b.contains(incident)).toList();
    }

    @Test
    void anOpenP1IsEscalatedLevelByLevelOnceEach() throws Exception {
        String lead = staffContact("Kundesenterleder");
        String director = staffContact("Teknisk direktør");
        NotificationIT.staff().body("{\"subscriberId\":\"" + lead + "\"}").put("/api/v1/duty/customer-centre-lead")
                .then().statusCode(200);
        NotificationIT.staff().body("{\"subscriberId\":\"" + director + "\"}").put("/api/v1/duty/technical-director")
                .then().statusCode(200);

        String incident = NotificationIT.staff().body("{\"component\":\"esc-a\",\"title\":\"Eskaleringstjeneste nede\","
                        + "\"priority\":\"P1\",\"major\":true}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");

        // Then: the lead after ~3 s, the director after ~6 s, by SMS
        await().atMost(Duration.ofSeconds(20)).until(() -> !about(lead, incident).isEmpty());
        String sms = about(lead, incident).get(0);
        assertTrue(sms.startsWith("Driftsvakt eskalering P1: Eskaleringstjeneste er fortsatt ikke løst."), sms);
        await().atMost(Duration.ofSeconds(20)).until(() -> !about(director, incident).isEmpty());

        // Each level once, however many planning runs pass
        Thread.sleep(6_000);
        assertEquals(1, about(lead, incident).size(), about(lead, incident).toString());
        assertEquals(1, about(director, incident).size(), about(director, incident).toString());
        JsonPath ledger = NotificationIT.staff().get("/api/v1/incidents/" + incident + "/notifications").jsonPath();
        assertTrue(ledger.prettify().contains("escalation#1") && ledger.prettify().contains("escalation#2"),
                ledger.prettify());

        NotificationIT.staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + incident + "/resolve").then()
                .statusCode(200);
    }
}

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
 * Issue 3, point 4, end to end: while the root of a problem is down, its downstream incidents are told as part of
 * the problem — one message naming the customer's affected services, not one per incident — and when the root
 * recovers the customer still gets the resolution.
 */
@QuarkusTest
class InhibitionIT {

    static void signal(String component, String state, String run) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"" + run + "-" + component + "-" + state + "\",\"source\":\"nms\",\"component\":\""
                        + component + "\",\"state\":\"" + state + "\"}")
                .post("/api/v1/signals").then().statusCode(202);
    }

    static String openIncident(String component) {
        List<String> ids = NotificationIT.staff().get("/api/v1/incidents?component=" + component).jsonPath()
                .getList("findAll { it.state != 'resolved' && it.state != 'closed' && it.state != 'dismissed' }.id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    static String problemOf(String incident) {
        return NotificationIT.staff().get("/api/v1/incidents/" + incident).jsonPath().getString("incident.problemId");
    }

    static List<String> sms(String sub) {
        return NotificationIT.outbox(sub).getList("findAll { it.channel == 'sms' && it.notificationId > 0 }.body");
    }

    @Test
    void oneMessageForTheProblemAndTheResolutionWhenTheRootRecovers() throws Exception {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String sub = NotificationIT.staff().body("{\"phone\":\"" + phone + "\",\"groups\":[\"kommune-x\"]}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath box = NotificationIT.outbox(sub);
        String code = NotificationIT.find(box.getString("find { it.channel == 'sms' }.body"), "koden din er (\\d{6})");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + sub + "/confirm-sms").then().statusCode(200);

        String run = "inh-" + UUID.randomUUID();
        signal("net-z", "down", run);
        signal("svc-z1", "down", run);
        signal("svc-z2", "down", run);
        // The correlator groups them under the failing network
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String root = openIncident("net-z");
            String x1 = openIncident("svc-z1");
            String x2 = openIncident("svc-z2");
            return root != null && x1 != null && x2 != null && problemOf(root) != null
                    && problemOf(root).equals(problemOf(x1)) && problemOf(root).equals(problemOf(x2));
        });
        String root = openIncident("net-z");
        String problem = problemOf(root);

        // Staff confirm the root, then one of the downstream incidents too
        NotificationIT.staff().body("{\"text\":\"Nettet i region X er nede.\"}").post("/api/v1/incidents/" + root
                + "/confirm").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(sub).size() == 1);
        NotificationIT.staff().body("{}").post("/api/v1/incidents/" + openIncident("svc-z1") + "/confirm").then()
                .statusCode(200);
        Thread.sleep(2000);
        List<String> told = sms(sub);
        assertEquals(1, told.size(), "one message for the problem, not one per incident: " + told);
        assertTrue(told.get(0).startsWith("NHN driftsmelding: Feil på Tjeneste Z1 og Tjeneste Z2."), told.get(0));
        assertTrue(told.get(0).contains("/hendelser/" + problem), "the link is the problem's: " + told.get(0));
        // and the link works: the problem's page shows its confirmed incidents with the public text
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/hendelser/" + problem).statusCode() == 200);
        String page = given().get("/hendelser/" + problem).asString();
        assertTrue(page.contains("Nett Z") && page.contains("Nettet i region X er nede."), page);
        given().get("/hendelser/" + openIncident("svc-z2")).then().statusCode(404); // suspected: not public
        given().get("/hendelser/PRB-999999").then().statusCode(404);

        // The root recovers, and then the services behind it: the customer hears it is over
        signal("net-z", "up", run);
        signal("svc-z1", "up", run);
        signal("svc-z2", "up", run);
        await().atMost(Duration.ofSeconds(15)).until(() -> sms(sub).size() == 2);
        assertTrue(sms(sub).get(0).startsWith("NHN: Tjeneste Z1 og Tjeneste Z2 virker igjen."), sms(sub).get(0));
        Thread.sleep(1500);
        assertEquals(2, sms(sub).size(), "no further messages");
    }
}

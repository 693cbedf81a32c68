package no.nhn.driftsvakt.subscriber;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Logs never hold a phone number or an e-mail address: register, confirm, get a notice, opt out, erase — then read the log. */
@QuarkusTest
class LogPrivacyIT {

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    @Test
    void noPhoneNumberOrEmailAddressIsLogged() throws Exception {
        String digits = String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String phone = "+479" + digits;
        String email = "privat." + UUID.randomUUID() + "@apotek.test";
        String id = staff().body("{\"phone\":\"" + phone + "\",\"email\":\"" + email + "\",\"groups\":[\"apotek\"]}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        String body = staff().get("/api/v1/notifications/outbox?subscriber=" + id).jsonPath()
                .getString("find { it.channel == 'sms' }.body");
        String code = body.replaceAll(".*koden din er (\\d{6}).*", "$1");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        // a refused duplicate, a forged STOP and an erasure all log something
        staff().body("{\"phone\":\"" + phone + "\",\"groups\":[\"apotek\"]}").post("/api/v1/subscribers").then()
                .statusCode(409);
        given().formParam("From", phone).formParam("Body", "STOP").post("/api/v1/twilio/inbound").then().statusCode(403);
        staff().delete("/api/v1/subscribers/" + id).then().statusCode(204);

        Path log = Path.of("target/quarkus-test.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log)
                && Files.readString(log).contains("Subscriber " + id + " erased"));
        String text = Files.readString(log);
        assertTrue(text.contains("Subscriber " + id + " registered"), "the log names the subscriber by id");
        assertFalse(text.contains("9" + digits), "a phone number in the log");
        assertFalse(text.contains(email), "an e-mail address in the log");
    }
}
